// harness.mjs - what the browser test (tests/test_web_page.sh) and the page
// benchmark (bench/web-page.sh) share: a simulated EasyMeter Q3D
// (`meterd sim q3d`) behind a recording TCP relay, `meterd run` reading it
// through the relay and serving the page on 127.0.0.1, and Debian's chromium
// driven by playwright-core. The relay reads the simulator's D0 telegrams
// itself (a regular expression over the bytes, parity bit cleared), so the
// values a test expects come from the simulator, not from meterd.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

export const METERD = process.env.METERD || 'build/debug/meterd';
export const POWER = '1-0:1.7.0*255'; // the Q3D's total power, moves with every telegram

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function waitFor(what, seconds, fn, step = 50) {
	const end = Date.now() + seconds * 1000;
	for (;;) {
		const v = await fn();
		if (v) return v;
		if (Date.now() > end) throw new Error('timed out after ' + seconds + ' s waiting for ' + what);
		await sleep(step);
	}
}

export function freePort() {
	return new Promise((resolve, reject) => {
		const s = net.createServer();
		s.on('error', reject);
		s.listen(0, '127.0.0.1', () => {
			const p = s.address().port;
			s.close(() => resolve(p));
		});
	});
}

export function tempDir() {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'meterd-web.'));
}

// Every process started here, stopped by PID in stopAll().
const children = [];

function start(name, args, dir) {
	const log = fs.openSync(path.join(dir, name + '.log'), 'w');
	const p = spawn(METERD, args, { stdio: ['ignore', 'pipe', log] });
	p.logPath = path.join(dir, name + '.log');
	p.exited = new Promise((r) => p.on('exit', (code, sig) => r(sig || code)));
	children.push(p);
	return p;
}

export async function stopAll() {
	for (const p of children.splice(0)) {
		if (p.exitCode !== null || p.signalCode !== null) continue;
		p.kill('SIGTERM');
		const t = setTimeout(() => p.kill('SIGKILL'), 5000);
		p.result = await p.exited;
		clearTimeout(t);
	}
}

// `meterd sim q3d` on a loopback TCP port; resolves once it printed its line.
export async function startSim(dir, seed = 7, name = 'sim') {
	const port = await freePort();
	const p = start(name, ['sim', '--seed', String(seed), 'q3d', '--tcp', '127.0.0.1:' + port], dir);
	let out = '';
	p.stdout.on('data', (b) => { out += b; });
	await waitFor('meterd sim to come up', 10, () => {
		if (p.exitCode !== null) throw new Error('meterd sim exited: ' + fs.readFileSync(p.logPath, 'utf8'));
		return out.includes('\n');
	});
	p.port = port;
	return p;
}

// A relay between meterd and the simulator that keeps every telegram the
// simulator sent: {t, text, values: {obis: "000259.63"}}.
export async function startRelay(simPort) {
	const telegrams = [];
	let text = '';
	const server = net.createServer((client) => {
		const up = net.connect(simPort, '127.0.0.1');
		up.on('data', (b) => {
			client.write(b);
			text += Buffer.from(b.map((c) => c & 0x7f)).toString('latin1');
			let end;
			while ((end = text.indexOf('\r\n!')) >= 0) {
				const tg = text.slice(0, end);
				text = text.slice(end + 3);
				const values = {};
				for (const m of tg.matchAll(/^([0-9]+-[0-9]+:[0-9.]+\*[0-9]+)\(([^)*]*)/gm)) values[m[1]] = m[2];
				telegrams.push({ t: Date.now(), text: tg.slice(tg.indexOf('/')), values });
			}
		});
		client.on('data', (b) => up.write(b));
		const close = () => { client.destroy(); up.destroy(); };
		up.on('error', close);
		up.on('close', close);
		client.on('error', close);
		client.on('close', close);
	});
	await new Promise((r) => server.listen(0, '127.0.0.1', r));
	return { port: server.address().port, telegrams, close: () => server.close() };
}

// `meterd run` reading the relay as meter "house", the page on 127.0.0.1:httpPort;
// `extra` is more configuration (another meter).
export async function startMeterd(dir, relayPort, extra = '') {
	const httpPort = await freePort();
	const conf = path.join(dir, 'meterd.conf');
	fs.writeFileSync(conf, `# written by tests/browser/harness.mjs
teleperiod 2s
meter house {
    port "tcp://127.0.0.1:${relayPort}"
    protocol d0 9600 7E1
}
http {
    listen 127.0.0.1:${httpPort}
}
history {
    path "${dir}/history.db"
}
${extra}`);
	const p = start('meterd', ['run', '-c', conf], dir);
	p.url = 'http://127.0.0.1:' + httpPort + '/';
	await waitFor('meterd to serve ' + p.url, 20, async () => {
		if (p.exitCode !== null) throw new Error('meterd run exited: ' + fs.readFileSync(p.logPath, 'utf8'));
		try { return (await fetch(p.url)).ok; } catch (e) { return false; }
	});
	return p;
}

// playwright gives every launch a fresh, temporary profile (--user-data-dir).
export function launch() {
	return chromium.launch({
		executablePath: '/usr/bin/chromium', headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync',
			'--disable-dev-shm-usage'],
	});
}

// web_settings.mjs - the Settings view in headless chromium: a TROVIS 5573
// simulator (`meterd sim trovis` on loopback TCP) polled by `meterd run`,
// whose operating mode BetriebsArt_Rk1 (range 2..5, device profile) user
// "admin" may change. The page must refuse to write before login, log in,
// set the value, show the read-back, and the value must reach the device
// (checked through a read-only Modbus TCP gateway: the simulator's answer).
// Usage: node web_settings.mjs OUTDIR   (tests/test_web_settings.sh)
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { METERD, freePort, waitFor, launch } from './harness.mjs';

const out = process.argv[2] || '.';
const dir = fs.mkdtempSync(path.join(out, 'settings.'));
const procs = [];
let failures = 0;
const check = (ok, what) => { console.log((ok ? 'ok: ' : 'FAIL: ') + what); if (!ok) failures++; };

function run(name, args) {
	const log = fs.openSync(path.join(dir, name + '.log'), 'w');
	const p = spawn(METERD, args, { stdio: ['ignore', 'ignore', log] });
	procs.push(p);
	return p;
}

// HR wire address `addr` of slave 247 through the gateway, or null.
function gatewayRead(port, addr) {
	return new Promise((resolve) => {
		const s = net.connect(port, '127.0.0.1');
		let buf = Buffer.alloc(0);
		s.on('error', () => resolve(null));
		s.on('connect', () => s.write(Buffer.from([0, 1, 0, 0, 0, 6, 247, 3, addr >> 8, addr & 255, 0, 1])));
		s.on('data', (b) => {
			buf = Buffer.concat([buf, b]);
			if (buf.length >= 11) { s.destroy(); resolve(buf[7] === 3 ? buf.readUInt16BE(9) : null); }
		});
		setTimeout(() => { s.destroy(); resolve(null); }, 5000);
	});
}

const simPort = await freePort(), web = await freePort(), gw = await freePort();
const hash = execFileSync('openssl', ['passwd', '-6', '-salt', 'pagetest', 'secret']).toString().trim();
run('sim', ['sim', '--seed', '9', 'trovis', '--tcp', '127.0.0.1:' + simPort]);
fs.writeFileSync(path.join(dir, 'meterd.conf'), `teleperiod 2s
meter heating {
    port "tcp://127.0.0.1:${simPort}"
    protocol modbus 19200 8N1
    address 247
    profile samson-trovis-5573
    poll 1s
    value "BetriebsArt_Rk1"
}
http {
    listen 127.0.0.1:${web}
}
gateway {
    listen 127.0.0.1:${gw}
    port "tcp://127.0.0.1:${simPort}"
}
control {
    user admin "${hash}"
    meter heating BetriebsArt_Rk1
}
`);
await new Promise((r) => setTimeout(r, 500));
run('meterd', ['run', '-c', path.join(dir, 'meterd.conf')]);
const url = 'http://127.0.0.1:' + web + '/#settings';
let browser;
try {
	await waitFor('meterd to read the regulator', 20, async () => (await gatewayRead(gw, 105)) !== null);
	const start = await gatewayRead(gw, 105);
	const target = start === 3 ? 4 : 3;
	browser = await launch();
	const page = await browser.newPage();
	await page.goto(url);
	const row = page.locator('tr[data-param="heating/BetriebsArt_Rk1"]');
	await row.waitFor({ timeout: 15000 });
	check(await page.locator('nav button[data-view="settings"]').isVisible(), 'the Settings tab shows');
	check(await row.locator('button').isDisabled(), 'Set is disabled before login');
	await page.fill('#login-form input[name=user]', 'admin');
	await page.fill('#login-form input[name=password]', 'wrong');
	await page.click('#login-form button[type=submit]');
	await page.locator('#login-error').filter({ hasText: 'wrong' }).waitFor({ timeout: 10000 });
	check(true, 'a wrong password is refused on the page');
	await page.fill('#login-form input[name=password]', 'secret');
	await page.click('#login-form button[type=submit]');
	await page.locator('#who').filter({ hasText: 'admin' }).waitFor({ timeout: 10000 });
	check(!(await row.locator('button').isDisabled()), 'logged in: Set is enabled');
	await row.locator('input').fill(String(target));
	await row.locator('button').click();
	const status = row.locator('span.note');
	await status.filter({ hasText: 'read back' }).waitFor({ timeout: 20000 });
	check((await status.textContent()).includes('read back ' + target), 'the page shows the read-back ' + target);
	check((await gatewayRead(gw, 105)) === target, 'the device holds ' + target);
	await page.screenshot({ path: path.join(out, 'web-settings.png'), fullPage: true });
} catch (e) {
	check(false, String(e && e.stack || e));
} finally {
	if (browser) await browser.close();
	for (const p of procs) p.kill('SIGTERM');
}
process.exit(failures ? 1 : 0);

// web_page.mjs - the browser test (run by tests/test_web_page.sh): meterd
// reads a simulated meter and serves its page; headless chromium loads it
// and must show the simulator's value, then its next one without a reload
// (server-sent events), open a chart with the value's history (one point per
// pixel), show the port's raw bytes, show the meter as silent once the
// simulator stops, and ask nothing of any host but meterd's 127.0.0.1 port.
// Expected values come from the simulator's own bytes (harness.mjs relay).
// A screenshot goes to <build dir>/test-output/web-page.png.
import fs from 'node:fs';
import path from 'node:path';
import {
	METERD, POWER, launch, startMeterd, startRelay, startSim, stopAll, tempDir, waitFor,
} from './harness.mjs';

const failures = [];
function check(cond, what) {
	console.error((cond ? 'ok: ' : 'FAIL: ') + what);
	if (!cond) failures.push(what);
	return cond;
}

const dir = tempDir();
const outDir = path.join(path.dirname(path.resolve(METERD)), 'test-output');
fs.mkdirSync(outDir, { recursive: true });
const shot = path.join(outDir, 'web-page.png');
let browser = null, relay = null;

async function run() {
	const sim = await startSim(dir);
	relay = await startRelay(sim.port);
	const meterd = await startMeterd(dir, relay.port);
	const origin = new URL(meterd.url).origin;
	const sent = () => relay.telegrams.map((t) => Number(t.values[POWER]));
	const id = 'house/' + POWER;
	const row = `.value[data-id="${id}"]`;

	browser = await launch();
	const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
	const requests = [], errors = [];
	page.on('request', (r) => requests.push(r.url()));
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	const shown = () => page.$eval(row, (e) => e.dataset.value).catch(() => undefined);

	await page.goto(meterd.url, { waitUntil: 'load', timeout: 20000 });
	await page.waitForSelector('body[data-loaded="1"]', { timeout: 20000 });
	const first = await waitFor('a power value on the page', 30, async () => {
		const v = await shown();
		return v !== undefined && v !== '' ? v : null;
	});
	check(sent().includes(Number(first)), `the page shows the simulator's power ${first} W`);
	check(await page.$eval(`.meter[data-meter="house"] h2`, (e) => e.textContent) === 'house',
		'the value stands in its meter\'s card');

	// --- live: the simulator's next, different value arrives without a reload
	const valuesFetches = () => requests.filter((u) => u.includes('/api/values')).length;
	const fetchedBefore = valuesFetches();
	const from = relay.telegrams.length;
	let changed = null;
	try {
		changed = await waitFor('the page to show the simulator\'s next value', 30, async () => {
			const v = await shown();
			const later = sent().slice(from);
			return v !== first && later.includes(Number(v)) ? v : null;
		});
	} catch (e) { /* reported below */ }
	check(changed !== null, `a live value change: ${first} -> ${changed} W, as the simulator sent it`);
	check(valuesFetches() === fetchedBefore, 'the change came by the event stream, not by fetching /api/values again');
	check(await page.$eval('#link', (e) => e.dataset.state) === 'live', 'the page says it is live');

	// --- the chart: history, one point per pixel of its width
	await page.click(row);
	await page.waitForSelector('#chart-panel:not([hidden])', { timeout: 10000 });
	let points = 0;
	try {
		points = await waitFor('a chart with history', 30, async () => {
			const n = Number(await page.$eval('#chart', (e) => e.dataset.points || 0));
			return n >= 2 ? n : null;
		});
	} catch (e) { /* reported below */ }
	check(points >= 2, `the chart shows ${points} points of history`);
	check(await page.$('#chart canvas') !== null, 'uPlot drew the chart');
	const histUrl = requests.filter((u) => u.includes('/api/history?')).pop();
	check(!!histUrl, 'the chart asked /api/history');
	if (histUrl) {
		const q = new URL(histUrl).searchParams;
		const width = await page.$eval('#chart', (e) => e.clientWidth);
		check(q.get('id') === id, 'for the value clicked');
		check(Number(q.get('points')) === width, `points = the chart's width in pixels (${q.get('points')} = ${width})`);
		const h = await (await fetch(histUrl)).json();
		const all = sent();
		const lo = Math.min(...all), hi = Math.max(...all);
		check(h.points.length >= 2 && h.points.every((p) => p[2] >= lo && p[3] <= hi && p[1] >= p[2] && p[1] <= p[3]),
			`the history lies within what the simulator sent (${lo}..${hi} W)`);
		if (h.resolution === 'raw')
			check(h.points.every((p) => all.includes(p[1])), 'raw history points are values the simulator sent');
	}
	for (const r of ['hour', 'week']) {
		const before = requests.length;
		await page.click(`#chart-ranges [data-range="${r}"]`);
		await waitFor(r + ' range loaded', 15, () => requests.slice(before).some((u) => u.includes('/api/history?')));
	}
	await page.click('#chart-ranges [data-range="hour"]');
	await waitFor('hour range drawn', 15, async () => !(await page.$('#chart[data-loading]')));
	await page.waitForTimeout(300);
	await page.screenshot({ path: shot });
	check(fs.statSync(shot).size > 10000, 'screenshot saved: ' + shot);
	await page.click('#chart-close');

	// --- raw bytes of the port, as the simulator sent them
	await page.click('nav [data-view="raw"]');
	await waitFor('the port list', 10, async () => (await page.$$('#raw-port option')).length > 0);
	const ports = await page.$$eval('#raw-port option', (os) => os.map((o) => o.value));
	check(ports.includes(`tcp://127.0.0.1:${relay.port}`), 'the raw view lists the meter\'s port');
	await page.selectOption('#raw-port', `tcp://127.0.0.1:${relay.port}`);
	await page.click('#raw-go');
	const ident = relay.telegrams[0].text.split('\r\n')[0]; // "/ESY5Q3DB1024 V3.04"
	let rawOk = false;
	try {
		rawOk = await waitFor('the identification in the raw bytes', 30, async () => {
			const hex = await page.$eval('#raw-out', (e) => e.textContent.split('\n')
				.filter((l) => / rx /.test(l)).map((l) => l.split(' rx ')[1].split('  |')[0].replace(/ /g, '')).join(''));
			const text = Buffer.from(hex, 'hex').map((c) => c & 0x7f).toString('latin1');
			return text.includes(ident + '\r\n');
		});
	} catch (e) { /* reported below */ }
	check(rawOk, `the raw view shows the bytes the simulator sent ("${ident}")`);
	await page.click('nav [data-view="values"]');

	// --- the meter falls silent: shown as such
	sim.kill('SIGTERM');
	let state = null;
	try {
		state = await waitFor('the meter shown silent', 40, async () => {
			const s = await page.$eval('.meter[data-meter="house"]', (e) => e.dataset.state);
			return s === 'silent' || s === 'port_down' ? s : null;
		});
	} catch (e) { /* reported below */ }
	check(state !== null, `the stopped meter is shown as ${state}`);
	const banner = await page.$eval('.meter[data-meter="house"] .banner', (e) => (e.hidden ? '' : e.textContent));
	check(banner.length > 0, `with a banner: "${banner}"`);
	await page.screenshot({ path: path.join(outDir, 'web-page-silent.png') });

	// --- nothing but meterd was asked
	const foreign = requests.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:'));
	check(requests.length > 5 && foreign.length === 0,
		`all ${requests.length} requests went to ${origin}` + (foreign.length ? ': not ' + foreign.join(', ') : ''));
	check(errors.length === 0, 'no script errors' + (errors.length ? ': ' + errors.join('; ') : ''));
}

let crashed = null;
try {
	await run();
} catch (e) {
	crashed = e;
	check(false, 'the test ran to its end: ' + (e.stack || e));
}
if (browser) await browser.close().catch(() => {});
relay?.close();
await stopAll();
if (failures.length) {
	console.error(`${failures.length} check(s) failed; logs kept in ${dir}`);
	for (const f of ['meterd.log', 'sim.log'])
		if (fs.existsSync(path.join(dir, f))) console.error(`--- ${f}\n` + fs.readFileSync(path.join(dir, f), 'utf8').slice(-3000));
	process.exit(1);
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);

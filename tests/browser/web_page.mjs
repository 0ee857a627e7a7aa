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

// A second simulated Q3D read through a Tasmota script whose =h lines group
// its values: a heading with words, a bare <hr/>, another heading.
const SCRIPT = `>D
>B
=>sensor53 r
>M 1
+1,12,o,0,9600,Strom
1,=h Leistung
1,1-0:1.7.0*255(@1,P_in,W,P_in,2
1,1-0:21.7.0*255(@1,L1,W,L1,2
1,=h<hr/>
1,1-0:1.8.0*255(@1,E_in,kWh,E_in,3
1,=h<b>Einspeisung</b>
1,1-0:2.8.0*255(@1,E_out,kWh,E_out,3
#`;

// What the card must show, read from the script: its groups in order, each
// "# heading" or "-" (a separator) with the names of the values under it
// (sorted: the order within a group is the order values first arrive).
function scriptLayout(script) {
	const out = [];
	for (const l of script.split('\n').filter((x) => /^1,/.test(x))) {
		if (l.startsWith('1,=h')) {
			const text = l.slice(4).replace(/<[^>]*>/g, '').trim();
			out.push([/[A-Za-z0-9]/.test(text) ? '# ' + text : '-']);
		} else {
			out[out.length - 1].push(l.split(',')[4]);
		}
	}
	return groupsOf(out.flat());
}

// ["# A", "x", "y", "-", "z"] -> '[["# A","x","y"],["-","z"]]' (names sorted)
function groupsOf(items) {
	const gs = [];
	for (const it of items) {
		if (it === '-' || it.startsWith('# ')) gs.push([it]);
		else if (gs.length) gs[gs.length - 1].push(it);
		else gs.push(['', it]);
	}
	return JSON.stringify(gs.map(([head, ...names]) => [head, ...names.sort()]));
}

async function run() {
	const sim = await startSim(dir);
	const sim2 = await startSim(dir, 8, 'sim2');
	relay = await startRelay(sim.port);
	// A wM-Bus telegram of a meter no block names (a neighbour's), as rtl_wmbus prints it.
	const fx = new URL('../fixtures/wmbus/aes/waterstarm_L210_waterstarm_50496629', import.meta.url).pathname;
	const neighbour = JSON.parse(fs.readFileSync(fx + '.expected.json', 'utf8')).frames[0].link;
	fs.writeFileSync(path.join(dir, 'air.txt'), 'C1;1;1;2026-12-06 22:00:00.000;97;148;0;0x' +
		fs.readFileSync(fx + '.hex', 'utf8').trim() + '\n');
	const meterd = await startMeterd(dir, relay.port, `wmbus "air" {
    file "${path.join(dir, 'air.txt')}"
}
smi {
    pin 12 "tcp://127.0.0.1:${sim2.port}"
    script <<END
${SCRIPT}
END
}
`);
	const origin = new URL(meterd.url).origin;
	const sent = () => relay.telegrams.map((t) => Number(t.values[POWER]));
	const id = 'house/' + POWER;
	const row = `.value[data-id="${id}"]`;

	browser = await launch();
	const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
	const requests = [], errors = [];
	let inFlight = 0; // requests other than the event streams, not yet answered
	const streams = (r) => /\/api\/(events|raw)/.test(r.url());
	page.on('request', (r) => { requests.push(r.url()); if (!streams(r)) inFlight++; });
	page.on('requestfinished', (r) => { if (!streams(r)) inFlight--; });
	page.on('requestfailed', (r) => { if (!streams(r)) inFlight--; });
	page.on('pageerror', (e) => errors.push(String(e)));
	page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
	const shown = () => page.$eval(row, (e) => e.dataset.value).catch(() => undefined);

	await page.goto(meterd.url, { waitUntil: 'load', timeout: 20000 });
	await page.waitForSelector('body[data-loaded="1"]', { timeout: 20000 });
	const shownFirst = await waitFor('a power value on the page', 30, async () => {
		const v = await shown();
		return v !== undefined && v !== '' ? v : null;
	});
	check(sent().includes(Number(shownFirst)), `the page shows the simulator's power ${shownFirst} W`);
	check(await page.$eval(`.meter[data-meter="house"] h2`, (e) => e.textContent) === 'house',
		'the value stands in its meter\'s card');

	// the meter heard but not configured is listed, with the block that would read it
	let stranger = null;
	try {
		stranger = await waitFor('the unconfigured wM-Bus meter listed', 30, () =>
			page.$eval(`#strangers:not([hidden]) tr[data-id="${neighbour.id}"]`,
				(e) => [...e.children].map((c) => c.textContent)).catch(() => null));
	} catch (e) { /* reported below */ }
	check(stranger !== null && stranger[1] === neighbour.manufacturer &&
		stranger[6].includes('id ' + neighbour.id) && stranger[6].includes('key '),
		'the page lists the meter nobody configured (' + neighbour.id + ', ' + neighbour.manufacturer +
		') with a block to paste: ' + JSON.stringify(stranger));

	// every value of the simulator's telegram gets its row (totals come once the
	// counter guard has accepted them, announced by a "meters" event)
	const want = Object.keys(relay.telegrams[relay.telegrams.length - 1].values).map((k) => 'house/' + k).sort();
	let rows = [];
	try {
		await waitFor('a row for every value', 30, async () => {
			rows = (await page.$$eval('.meter[data-meter="house"] .value', (es) => es.map((e) => e.dataset.id))).sort();
			return JSON.stringify(rows) === JSON.stringify(want);
		});
	} catch (e) { /* reported below */ }
	check(JSON.stringify(rows) === JSON.stringify(want), `the card lists the ${want.length} values the simulator sends`);

	// the script's =h lines: headings and separators, in the script's order
	const layout = scriptLayout(SCRIPT);
	let shownLayout = [];
	try {
		await waitFor('the script meter\'s card', 30, async () => {
			shownLayout = groupsOf(await page.$$eval('.meter[data-meter="Strom"] :is(h3.group, hr.sep, .value)',
				(es) => es.map((e) => (e.tagName === 'H3' ? '# ' + e.textContent : e.tagName === 'HR' ? '-'
					: e.querySelector('.name').textContent))));
			return shownLayout === layout;
		});
	} catch (e) { /* reported below */ }
	check(shownLayout === layout, 'the script\'s =h lines group its values: ' + shownLayout);

	// --- live: the simulator's next, different value arrives without a reload
	// (once the catalogue is complete and the reloads it caused are answered)
	let quiet = 0;
	await waitFor('the page to settle', 20, () => (inFlight === 0 ? ++quiet >= 10 : (quiet = 0)));
	const valuesFetches = () => requests.filter((u) => u.includes('/api/values')).length;
	const fetchedBefore = valuesFetches();
	const first = await shown();
	const from = relay.telegrams.length;
	// The row says where its value came from ("event" or "load"): a change
	// brought by a reload of /api/values (the page reloads when the catalogue
	// changes or the stream reconnects) does not count; keep waiting for one
	// the event stream brought.
	let changed = null, viaEvent = null;
	try {
		await waitFor('the page to show the simulator\'s next value from the event stream', 30, async () => {
			const [v, src] = await page.$eval(row, (e) => [e.dataset.value, e.dataset.src]).catch(() => []);
			if (v === first || !sent().slice(from).includes(Number(v))) return false;
			changed = v;
			if (src === 'event') viaEvent = v;
			return src === 'event';
		});
	} catch (e) { /* reported below */ }
	check(changed !== null, `a live value change: ${first} -> ${changed} W, as the simulator sent it`);
	check(viaEvent !== null, 'brought by the event stream' +
		(valuesFetches() > fetchedBefore ? ` (the page also reloaded /api/values ${valuesFetches() - fetchedBefore} time(s))` : ''));
	check(await page.$eval('#link', (e) => e.dataset.state) === 'live', 'the page says it is live');

	// --- the chart: history, one point per pixel of its width
	const histories = () => requests.filter((u) => u.includes('/api/history?'));
	const loaded = async (n) => histories().length > n && !(await page.$('#chart[data-loading]'));
	await page.click(row);
	await page.waitForSelector('#chart-panel:not([hidden])', { timeout: 10000 });
	await waitFor('the first chart', 20, () => loaded(0));
	for (const r of ['week', 'hour']) {
		const n = histories().length;
		await page.click(`#chart-ranges [data-range="${r}"]`);
		await waitFor(r + ' range loaded', 20, () => loaded(n));
	}
	const histUrl = histories().pop();
	const q = new URL(histUrl).searchParams;
	const width = await page.$eval('#chart', (e) => e.clientWidth);
	check(q.get('id') === id, 'the chart asked /api/history for the value clicked');
	check(Number(q.get('to')) - Number(q.get('from')) === 3600e3, 'the hour preset asks for one hour');
	check(Number(q.get('points')) === width, `points = the chart's width in pixels (${q.get('points')} = ${width})`);
	const h = await (await fetch(histUrl)).json();
	const all = sent();
	const lo = Math.min(...all), hi = Math.max(...all);
	check(h.points.length >= 1 && h.points.every((p) => p[2] >= lo && p[3] <= hi && p[1] >= p[2] && p[1] <= p[3]),
		`the history has ${h.points.length} points, within what the simulator sent (${lo}..${hi} W)`);
	if (h.resolution === 'raw')
		check(h.points.every((p) => all.includes(p[2]) && all.includes(p[3])),
			'each raw point\'s min and max are readings the simulator sent: ' + JSON.stringify(h.points));
	const drawn = Number(await page.$eval('#chart', (e) => e.dataset.points || 0));
	check(drawn >= h.points.length && h.points.length >= 1, `the chart shows them (${drawn} points drawn)`);
	check(await page.$('#chart canvas') !== null, 'uPlot drew the chart');

	// --- zoom: dragging across the last twentieth of the hour asks for that span only
	const over = await (await page.$('#chart .u-over')).boundingBox();
	const n = histories().length;
	await page.mouse.move(over.x + over.width * 0.95, over.y + over.height / 2);
	await page.mouse.down();
	await page.mouse.move(over.x + over.width - 1, over.y + over.height / 2, { steps: 8 });
	await page.mouse.up();
	let zoomed = null;
	try {
		zoomed = await waitFor('the zoomed chart', 20, async () => (await loaded(n)) && histories().pop());
	} catch (e) { /* reported below */ }
	const zq = zoomed && new URL(zoomed).searchParams;
	const span = zq ? Number(zq.get('to')) - Number(zq.get('from')) : 0;
	check(span > 0 && span < 0.1 * 3600e3, `dragging zooms in: /api/history for ${Math.round(span / 1000)} s`);
	if (zoomed) {
		const z = await (await fetch(zoomed)).json();
		check(z.points.length >= 1 && z.points.every((p) => p[2] >= lo && p[3] <= hi),
			`the zoomed history has ${z.points.length} points, all sent by the simulator`);
	}
	await page.waitForTimeout(300);
	await page.screenshot({ path: shot });
	check(fs.statSync(shot).size > 10000, 'screenshot saved: ' + shot);
	await page.click('#chart-close');

	// --- consumption bars of the import total, bounded by what the simulator counted
	const TOTAL = '1-0:1.8.0*255';
	await page.click(`.value[data-id="house/${TOTAL}"]`);
	await waitFor('the total\'s chart', 20, async () => !(await page.$('#chart[data-loading]')) &&
		(await page.$eval('#chart', (e) => e.dataset.id)) === 'house/' + TOTAL);
	const cn = requests.length;
	await page.click('#chart-buckets [data-bucket="hour"]');
	let consUrl = null;
	try {
		consUrl = await waitFor('consumption bars', 20, async () => !(await page.$('#chart[data-loading]')) &&
			(await page.$eval('#chart', (e) => e.dataset.mode)) === 'consumption' &&
			requests.slice(cn).find((u) => u.includes('/api/consumption?')));
	} catch (e) { /* reported below */ }
	check(!!consUrl && new URL(consUrl).searchParams.get('bucket') === 'hour', 'the total shows consumption per hour');
	if (consUrl) {
		const c = await (await fetch(consUrl)).json();
		const totals = relay.telegrams.map((t) => Number(t.values[TOTAL]));
		const counted = Math.max(...totals) - Math.min(...totals);
		const sum = c.bars.reduce((a, b) => a + b[1], 0);
		check(c.bars.length >= 1 && sum > 0 && sum <= counted + 1e-9,
			`consumption ${sum} kWh, within the ${counted} kWh the simulator counted`);
		check(Number(await page.$eval('#chart', (e) => e.dataset.points)) === c.bars.length, 'drawn as bars');
		await page.screenshot({ path: path.join(outDir, 'web-page-consumption.png') });
	}
	await page.click('#chart-close');

	// --- raw bytes of the port, as the simulator sent them
	await page.click('nav [data-view="raw"]');
	await waitFor('the port list', 10, async () => (await page.$$('#raw-port option')).length > 0);
	const ports = await page.$$eval('#raw-port option', (os) => os.map((o) => o.value));
	check(ports.includes(`tcp://127.0.0.1:${relay.port}`), 'the raw view lists the meter\'s port');
	await page.selectOption('#raw-port', `tcp://127.0.0.1:${relay.port}`);
	await page.click('#raw-go');
	const ident = relay.telegrams.find((t) => t.text.startsWith('/')).text.split('\r\n')[0]; // "/ESY5Q3DB1024 V3.04"
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

	// --- on a phone: one column, nothing wider than the screen
	await page.setViewportSize({ width: 360, height: 740 });
	await page.waitForTimeout(200);
	const wide = await page.evaluate(() => document.documentElement.scrollWidth);
	check(wide <= 360, `on a 360 px wide phone nothing scrolls sideways (page ${wide} px wide)`);
	await page.screenshot({ path: path.join(outDir, 'web-page-phone.png') });

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
	for (const f of ['meterd.log', 'sim.log', 'sim2.log'])
		if (fs.existsSync(path.join(dir, f))) console.error(`--- ${f}\n` + fs.readFileSync(path.join(dir, f), 'utf8').slice(-3000));
	process.exit(1);
}
fs.rmSync(dir, { recursive: true, force: true });
process.exit(0);

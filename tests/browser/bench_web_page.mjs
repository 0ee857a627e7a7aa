// bench_web_page.mjs - run by bench/web-page.sh: loads meterd's page RUNS
// times in headless chromium (a fresh page each time, one meterd on a
// simulated Q3D) and prints the time from navigation to the first value on
// screen and to the first value renewed by the event stream.
import {
	POWER, launch, startMeterd, startRelay, startSim, stopAll, tempDir, waitFor,
} from './harness.mjs';
import fs from 'node:fs';

const runs = Number(process.env.RUNS || 5);
const dir = tempDir();
const sim = await startSim(dir);
const relay = await startRelay(sim.port);
const meterd = await startMeterd(dir, relay.port);
const row = `.value[data-id="house/${POWER}"]`;
// let the meter deliver a value first, so the page finds one
await waitFor('a first telegram', 20, () => relay.telegrams.length >= 2);
const browser = await launch();
const first = [], live = [], bytes = [];
for (let i = 0; i < runs; i++) {
	const page = await browser.newPage({ viewport: { width: 1000, height: 760 } });
	let got = 0;
	page.on('response', async (r) => {
		const n = Number(r.headers()['content-length'] || 0);
		got += n;
	});
	const t0 = Date.now();
	await page.goto(meterd.url, { waitUntil: 'commit' });
	const v0 = await page.waitForFunction((sel) => document.querySelector(sel)?.dataset.value, row,
		{ polling: 'raf', timeout: 30000 }).then((h) => h.jsonValue());
	first.push(Date.now() - t0);
	await page.waitForFunction(([sel, v]) => document.querySelector(sel)?.dataset.value !== v, [row, v0],
		{ polling: 'raf', timeout: 30000 });
	live.push(Date.now() - t0);
	bytes.push(got);
	await page.close();
}
await browser.close();
relay.close();
await stopAll();
fs.rmSync(dir, { recursive: true, force: true });

const stat = (a) => {
	const s = [...a].sort((x, y) => x - y);
	return `median ${s[s.length >> 1]} ms, min ${s[0]} ms, max ${s[s.length - 1]} ms`;
};
console.log(`headless chromium, ${runs} loads (the meter pushes every 2 s):`);
console.log('  navigation -> first value on screen:      ' + stat(first));
console.log('  navigation -> first value by the events:  ' + stat(live));
console.log('  bytes transferred per load (Content-Length sum): ' + bytes.join(', '));
process.exit(0);

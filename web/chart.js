// chart.js - the chart panel: a value's history (/api/history, one point per
// pixel of the plot's width, mean line in a min..max band) over a preset
// range, zoomed by dragging; for totals also consumption bars per
// hour/day/month (/api/consumption). Drawn by uPlot, which is bundled into
// the binary and loaded with the first chart.
import { $, getJSON } from './dom.js';

const HOUR = 3600e3, DAY = 24 * HOUR;
const RANGES = { hour: HOUR, day: DAY, week: 7 * DAY, month: 31 * DAY, year: 366 * DAY };
// How far back each consumption bucket looks.
const BUCKET_SPAN = { hour: 2 * DAY, day: 31 * DAY, month: 731 * DAY };
const BUCKET_MS = { hour: HOUR, day: DAY, month: 30.5 * DAY };
const LIVE_MAX = 10000; // points kept when live values are appended

let uPlotReady = null;
function loadUPlot() {
	uPlotReady = uPlotReady || new Promise((resolve, reject) => {
		const css = document.createElement('link');
		css.rel = 'stylesheet';
		css.href = 'uPlot.min.css';
		document.head.append(css);
		const js = document.createElement('script');
		js.src = 'uPlot.iife.min.js';
		js.onload = () => resolve(window.uPlot);
		js.onerror = () => { uPlotReady = null; reject(new Error('cannot load uPlot')); };
		document.head.append(js);
	});
	return uPlotReady;
}

const st = {
	meta: null, mode: 'history', range: 'day', bucket: 'day',
	from: 0, to: 0, zoom: [], plot: null, data: null, live: false, seq: 0,
};

const panel = $('#chart-panel');
const box = $('#chart');
const note = $('#chart-note');

function cssVar(name) {
	return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function size() {
	const w = Math.max(200, box.clientWidth);
	return { width: w, height: Math.round(Math.min(380, Math.max(180, window.innerHeight * 0.45))) };
}

// y labels with as many decimals as the step between them needs (a
// consumption of 0.0004 kWh per hour must not read "0").
function yLabels(u, splits) {
	const step = splits.length > 1 ? Math.abs(splits[1] - splits[0]) : Math.abs(splits[0] || 1);
	const dec = Math.min(10, Math.max(0, -Math.floor(Math.log10(step || 1))));
	return splits.map((v) => (v == null ? '' : v.toFixed(dec)));
}

function axes() {
	const fg = cssVar('--muted'), grid = cssVar('--grid');
	const a = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
	return [{ ...a }, { ...a, size: 64, values: yLabels }];
}

function historyOpts() {
	const accent = cssVar('--accent');
	const unit = st.meta.unit ? ' ' + st.meta.unit : '';
	const fmt = (u, v) => (v == null ? '–' : +v.toFixed(6) + unit);
	return {
		...size(),
		cursor: { drag: { x: true, y: false, setScale: false } },
		select: { show: true },
		legend: { live: true },
		axes: axes(),
		series: [
			{},
			{ label: 'mean', stroke: accent, width: 2, value: fmt, spanGaps: false },
			{ label: 'min', stroke: accent + '55', width: 1, value: fmt },
			{ label: 'max', stroke: accent + '55', width: 1, value: fmt },
		],
		bands: [{ series: [3, 2], fill: accent + '22' }],
		hooks: { setSelect: [zoomTo], ready: [(u) => u.over.addEventListener('dblclick', zoomOut)] },
		scales: { x: { time: true } },
	};
}

function barsOpts(uPlot) {
	const accent = cssVar('--accent');
	const unit = st.meta.unit ? ' ' + st.meta.unit : '';
	return {
		...size(),
		cursor: { drag: { x: false, y: false } },
		axes: axes(),
		series: [
			{},
			{
				label: 'consumption per ' + st.bucket, stroke: accent, fill: accent + 'aa', width: 0,
				paths: uPlot.paths.bars({ size: [0.8, 60], align: 1 }), points: { show: false },
				value: (u, v) => (v == null ? '–' : +v.toFixed(6) + unit),
			},
		],
		// the whole span asked for, also when only a few buckets have data
		scales: { x: { time: true, range: () => [st.from / 1000, st.to / 1000] } },
	};
}

async function draw(data, opts) {
	const uPlot = await loadUPlot();
	st.plot?.destroy();
	st.plot = new uPlot(opts(uPlot), data, box);
	st.data = data;
	box.dataset.points = data[0].length;
	box.dataset.mode = st.mode;
}

async function loadHistory(from, to) {
	const seq = ++st.seq;
	st.from = from;
	st.to = to;
	const points = Math.max(1, Math.min(10000, size().width));
	const q = new URLSearchParams({ id: st.meta.id, from: Math.round(from), to: Math.round(to), points });
	box.dataset.loading = '1';
	try {
		const r = await getJSON('api/history?' + q);
		if (seq !== st.seq) return;
		const p = r.points || [];
		const data = [p.map((x) => x[0] / 1000), p.map((x) => x[1]), p.map((x) => x[2]), p.map((x) => x[3])];
		note.textContent = (p.length ? p.length + ' points, ' + r.resolution + ' resolution. '
			: 'No history in this range yet. ') + 'Drag across the chart to zoom in, double-click to zoom out.';
		await draw(data, historyOpts);
		st.plot.setScale('x', { min: from / 1000, max: to / 1000 });
	} catch (e) {
		if (seq === st.seq) note.textContent = String(e.message || e);
	} finally {
		if (seq === st.seq) delete box.dataset.loading;
	}
}

async function loadConsumption() {
	const seq = ++st.seq;
	const to = Date.now(), from = to - BUCKET_SPAN[st.bucket];
	st.from = from - BUCKET_MS[st.bucket] / 2; // room for the first bar
	st.to = to + BUCKET_MS[st.bucket] / 2;
	const q = new URLSearchParams({ id: st.meta.id, bucket: st.bucket, from, to });
	box.dataset.loading = '1';
	try {
		const r = await getJSON('api/consumption?' + q);
		if (seq !== st.seq) return;
		const bars = r.bars || [];
		note.textContent = bars.length ? 'Consumption per ' + st.bucket + ' in ' + (r.unit || st.meta.unit || '')
			: 'No consumption recorded in this range yet.';
		await draw([bars.map((b) => b[0] / 1000), bars.map((b) => b[1])], barsOpts);
	} catch (e) {
		if (seq === st.seq) note.textContent = String(e.message || e);
	} finally {
		if (seq === st.seq) delete box.dataset.loading;
	}
}

function pressed(sel, attr, val) {
	for (const b of document.querySelectorAll(sel + ' button'))
		b.setAttribute('aria-pressed', String(b.dataset[attr] === val));
}

function showRange(name) {
	st.mode = 'history';
	st.range = name;
	st.zoom = [];
	st.live = true;
	pressed('#chart-ranges', 'range', name);
	pressed('#chart-buckets', 'bucket', '');
	const to = Date.now();
	loadHistory(to - RANGES[name], to);
}

function showBucket(name) {
	st.mode = 'consumption';
	st.bucket = name;
	st.live = false;
	pressed('#chart-ranges', 'range', '');
	pressed('#chart-buckets', 'bucket', name);
	loadConsumption();
}

function zoomTo(u) {
	if (u.select.width < 3) return;
	const a = u.posToVal(u.select.left, 'x') * 1000;
	const b = u.posToVal(u.select.left + u.select.width, 'x') * 1000;
	u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
	st.zoom.push([st.from, st.to]);
	st.live = false;
	pressed('#chart-ranges', 'range', ''); // no preset is shown any more
	loadHistory(a, b);
}

function zoomOut() {
	if (st.mode !== 'history') return;
	const prev = st.zoom.pop();
	if (prev) {
		st.live = st.zoom.length === 0;
		if (st.live) pressed('#chart-ranges', 'range', st.range);
		loadHistory(prev[0], prev[1]);
	} else {
		showRange(st.range);
	}
}

export function open(meta) {
	st.meta = meta;
	$('#chart-title').textContent = meta.meter + ' · ' + meta.name + (meta.unit ? ' (' + meta.unit + ')' : '');
	$('#chart-buckets').hidden = meta.class !== 'total_increasing';
	panel.hidden = false;
	box.dataset.id = meta.id;
	showRange(st.range);
}

function close() {
	panel.hidden = true;
	st.seq++;
	st.plot?.destroy();
	st.plot = null;
	st.meta = null;
	delete box.dataset.points;
}

// A value from the event stream: extends the chart while it shows "until now".
export function liveValue(id, v, rx) {
	if (!st.plot || !st.live || st.mode !== 'history' || st.meta?.id !== id || typeof v !== 'number') return;
	const d = st.data, t = (rx || Date.now()) / 1000;
	if (d[0].length && t <= d[0][d[0].length - 1]) return;
	d[0].push(t); d[1].push(v); d[2].push(v); d[3].push(v);
	if (d[0].length > LIVE_MAX) d.forEach((s) => s.shift());
	st.to = t * 1000;
	st.plot.setData(d, false);
	st.plot.setScale('x', { min: st.to / 1000 - RANGES[st.range] / 1000, max: st.to / 1000 });
	box.dataset.points = d[0].length;
}

for (const b of document.querySelectorAll('#chart-ranges button'))
	b.addEventListener('click', () => showRange(b.dataset.range));
for (const b of document.querySelectorAll('#chart-buckets button'))
	b.addEventListener('click', () => showBucket(b.dataset.bucket));
$('#chart-close').addEventListener('click', close);
panel.addEventListener('click', (e) => { if (e.target === panel) close(); });
document.addEventListener('keydown', (e) => { if (e.key === 'Escape' && !panel.hidden) close(); });
let resizeTimer = 0;
window.addEventListener('resize', () => {
	clearTimeout(resizeTimer);
	resizeTimer = setTimeout(() => st.plot?.setSize(size()), 150);
});

// app.js - the page's entry point: the meter catalogue (/api/meters), the
// latest values (/api/values), kept live by server-sent events
// (/api/events), and each meter's health. Charts live in chart.js, the raw
// byte view in raw.js; both load only when first used, so a phone or a
// Pi Zero shows the values before anything else is fetched.
import { $, h, getJSON, ago, clock, formatValue } from './dom.js';

const STATE_TEXT = {
	starting: 'starting', up: 'up', silent: 'silent', errors: 'errors', port_down: 'port down',
};
const COUNTERS = [
	['frames_ok', 'frames'], ['crc_errors', 'CRC errors'], ['msg_crc_errors', 'message CRC errors'], ['echo_errors', 'echo errors'], ['invalid', 'invalid'],
	['parity_errors', 'parity errors'], ['timeouts', 'timeouts'], ['exceptions', 'exceptions'],
];

const meters = new Map(); // name -> {meta, card, els}
let catalogue = '';       // the meters and value ids shown, to notice a change
const values = new Map(); // id -> {meta, meter, row, num, value, rx}
let chart = null;         // chart.js, once a chart was opened

function meterCard(m) {
	const els = {
		state: h('span', { class: 'state' }),
		banner: h('p', { class: 'banner' }),
		lastGood: h('span', {}),
		counters: h('span', { class: 'counters' }),
		port: h('span', { class: 'port' }),
	};
	const sub = [m.protocol, m.manufacturer, m.model].filter(Boolean).join(' · ');
	const card = h('article', { class: 'meter', 'data-meter': m.name },
		h('div', { class: 'meter-head' }, h('h2', {}, m.name), els.state,
			h('span', { class: 'sub' }, sub)),
		els.banner,
		h('p', { class: 'health' }, 'last good read ', els.lastGood, ' · ', els.counters,
			' · ', els.port));
	let group = null;
	let list = h('div', { class: 'values' });
	card.append(list);
	for (const v of m.values) {
		if ((v.group || '') !== (group || '')) {
			group = v.group;
			const title = headingText(group);
			card.append(title ? h('h3', { class: 'group' }, title) : h('hr', { class: 'sep' }));
			list = h('div', { class: 'values' });
			card.append(list);
		}
		list.append(valueRow(m, v));
	}
	if (m.protocol === 'camera') card.append(snapshotView(m.name));
	return { meta: m, card, els };
}

// What the camera saw, aligned, with the digit (green) and pointer (red)
// regions it read: fetched only while opened, again on each opening.
function snapshotView(name) {
	const img = h('img', { class: 'snapshot', alt: 'last snapshot of ' + name });
	const box = h('details', { class: 'snapshot-box' }, h('summary', {}, 'Last snapshot'), img);
	box.addEventListener('toggle', () => {
		if (box.open) img.src = 'api/snapshot?meter=' + encodeURIComponent(name) + '&t=' + Date.now();
	});
	return box;
}

// An SMI =h line is a heading when it has words ("=h Heizung"); a bare
// "<hr/>" (which meterd names "~1", "~2" ...) or a line of dashes only
// separates, as on Tasmota's page.
function headingText(group) {
	const g = (group || '').trim();
	return /^~\d+$/.test(g) || !/[\p{L}\p{N}]/u.test(g) ? '' : g;
}

function valueRow(m, v) {
	const num = h('span', { class: 'num' }, '–');
	const row = h('button', {
		type: 'button', class: 'value', 'data-id': v.id,
		title: v.quantity ? v.quantity + (v.class ? ', ' + v.class : '') : null,
		onclick: () => openChart(v.id),
	}, h('span', { class: 'name', title: v.name }, v.name), num, h('span', { class: 'unit' }, v.unit || ''));
	const old = values.get(v.id);
	values.set(v.id, { meta: v, meter: m.name, row, num, value: old?.value, rx: old?.rx });
	if (old) show(v.id, old.value, old.rx, old.row.dataset.src);
	return row;
}

// src: "load" (from /api/values) or "event" (from the event stream), kept
// on the row for tests and for a look with the browser's inspector.
function show(id, value, rx, src) {
	const e = values.get(id);
	if (!e) return false;
	e.row.dataset.src = src || '';
	e.value = value;
	e.rx = rx;
	if (typeof value === 'string') {
		e.row.classList.add('text');
		e.num.textContent = value;
		e.row.dataset.value = value;
	} else {
		e.num.textContent = formatValue(value, e.meta.precision);
		e.row.dataset.value = String(value);
	}
	e.row.dataset.rx = rx || '';
	e.row.classList.remove('stale');
	return true;
}

function showHealth(m) {
	const e = meters.get(m.name);
	if (!e) return;
	const hl = m.health || {};
	Object.assign(e.meta, m);
	e.card.dataset.state = m.state;
	e.els.state.textContent = STATE_TEXT[m.state] || m.state;
	e.els.lastGood.textContent = ago(hl.last_good);
	e.els.lastGood.title = hl.last_good ? new Date(hl.last_good).toLocaleString() : '';
	e.els.counters.textContent = COUNTERS.filter(([k], i) => i === 0 || hl[k])
		.map(([k, label]) => (hl[k] ?? 0) + ' ' + label).join(', ') || '';
	e.els.port.textContent = hl.port ? hl.port + (hl.port_open ? '' : ' (closed)') : '';
	let banner = '';
	if (m.state === 'silent')
		banner = 'Silent: no good read since ' + (hl.last_good ? clock(hl.last_good) : 'start') +
			(m.expect_ms ? ' (expected every ' + Math.round(m.expect_ms / 1000) + ' s)' : '');
	else if (m.state === 'port_down') banner = 'Port ' + (hl.port || '') + ' is down';
	else if (m.state === 'errors') banner = 'Frames arrive with errors';
	e.els.banner.textContent = banner;
	e.els.banner.hidden = !banner;
}

async function loadAll() {
	const [cat, now] = await Promise.all([getJSON('api/meters'), getJSON('api/values')]);
	catalogue = signature(cat);
	const box = $('#meters');
	meters.clear();
	box.replaceChildren();
	for (const m of cat.meters) {
		const e = meterCard(m);
		meters.set(m.name, e);
		box.append(e.card);
		showHealth(m);
	}
	for (const v of now.values) show(v.id, v.text ?? v.value, v.rx, 'load');
	$('#empty').textContent = cat.meters.length ? '' : 'No meters configured.';
	$('#empty').hidden = cat.meters.length > 0;
	document.body.dataset.loaded = '1';
	loadStrangers().catch(() => { /* an older daemon without the list */ });
}

function signature(cat) {
	return cat.meters.map((m) => m.name + ':' + m.values.map((v) => v.id).join(',')).join('|');
}

// A value nobody has a row for: the catalogue changed while no event
// stream was there to say so. Reload once things settle.
let reloadTimer = 0;
function reloadSoon() {
	reloadTimer = reloadTimer || setTimeout(() => {
		reloadTimer = 0;
		loadAll().catch(fail);
	}, 500);
}

// Meters heard but not configured (wM-Bus neighbours), with the block that
// would read one; refreshed with the health, cheap when there are none.
async function loadStrangers() {
	const box = $('#strangers');
	const list = (await getJSON('api/unconfigured')).devices || [];
	box.hidden = list.length === 0;
	$('#strangers-n').textContent = String(list.length);
	$('#strangers-table tbody').replaceChildren(...list.map((d) => h('tr', { 'data-id': d.id },
		h('td', {}, d.id), h('td', {}, d.manufacturer), h('td', {}, d.kind),
		h('td', {}, String(d.heard)), h('td', {}, ago(d.last)), h('td', {}, d.result),
		h('td', {}, h('code', { class: 'block' }, 'wmbus_meter "' + (d.kind || 'meter') + '_' + d.id + '" {\n' +
			'    id ' + d.id + '\n' + (d.result === 'ok' ? '' : '    key 00000000000000000000000000000000\n') + '}')))));
}

// Counters and "last good read" come with the catalogue only: refresh it
// every 10 s, cheaply, while the page is visible; a changed catalogue
// (missed between the first load and the event stream) is loaded anew.
async function refreshHealth() {
	if (document.hidden) return;
	try {
		const cat = await getJSON('api/meters');
		if (signature(cat) !== catalogue) return loadAll();
		cat.meters.forEach(showHealth);
		await loadStrangers();
	} catch (e) { /* the event stream reports the link state */ }
}

// Values not renewed within three of their meter's periods fade.
function markStale() {
	const now = Date.now();
	for (const e of values.values()) {
		const m = meters.get(e.meter);
		const limit = 3 * (m?.meta.expect_ms || 60000);
		e.row.classList.toggle('stale', !!e.rx && now - e.rx > limit);
	}
	for (const e of meters.values()) e.els.lastGood.textContent = ago(e.meta.health?.last_good, now);
}

function connect() {
	const link = $('#link');
	const es = new EventSource('api/events');
	let lost = false;
	es.addEventListener('open', () => {
		link.dataset.state = 'live';
		link.textContent = 'live';
		if (lost) loadAll().catch(fail); // fill the gap
		else refreshHealth(); // anything changed before the stream was there?
		lost = false;
	});
	es.addEventListener('error', () => {
		lost = true;
		link.dataset.state = 'offline';
		link.textContent = 'offline, retrying';
	});
	es.addEventListener('value', (ev) => {
		const d = JSON.parse(ev.data);
		const v = d.text ?? d.value;
		if (!show(d.id, v, d.rx, 'event')) reloadSoon();
		chart?.liveValue(d.id, v, d.rx);
	});
	es.addEventListener('health', (ev) => {
		const d = JSON.parse(ev.data);
		const e = meters.get(d.meter);
		if (!e) return;
		const m = { ...e.meta, state: d.state, since: d.since };
		showHealth(m);
	});
	es.addEventListener('meters', () => loadAll().catch(fail));
}

async function openChart(id) {
	const e = values.get(id);
	if (!e || typeof e.value === 'string') return;
	chart = chart || await import('./chart.js');
	chart.open({ ...e.meta, meter: e.meter });
}

function fail(err) {
	$('#empty').hidden = false;
	$('#empty').textContent = String(err.message || err);
}

function switchView(name) {
	for (const b of document.querySelectorAll('nav button'))
		b.setAttribute('aria-pressed', String(b.dataset.view === name));
	for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== name;
	if (name === 'raw') import('./raw.js').then((r) => r.init());
	if (name === 'settings') import('./settings.js').then((m) => m.init()).catch(fail);
	location.hash = name === 'values' ? '' : name;
}

for (const b of document.querySelectorAll('nav button'))
	b.addEventListener('click', () => switchView(b.dataset.view));
if (location.hash === '#raw') switchView('raw');
import('./settings.js').then(async (m) => {
	if (!(await m.probe())) return;
	$('nav button[data-view="settings"]').hidden = false;
	if (location.hash === '#settings') switchView('settings');
});

loadAll().then(connect, (err) => { fail(err); connect(); });
setInterval(markStale, 1000);
setInterval(refreshHealth, 10000);
document.addEventListener('visibilitychange', refreshHealth);

// raw.js - a port's bytes as they pass (/api/raw), like Tasmota's dump
// mode: one line per chunk with time, direction, hex and, optionally, the
// printable characters. Only the newest lines are kept.
import { $, getJSON, clock } from './dom.js';

const KEEP = 500;
let es = null;
let started = false;
const out = $('#raw-out');
const go = $('#raw-go');

function textOf(hex) {
	let s = '';
	for (let i = 0; i + 1 < hex.length; i += 2) {
		const c = parseInt(hex.slice(i, i + 2), 16) & 0x7f; // 7E1 lines carry parity in bit 7
		s += c >= 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
	}
	return s;
}

function line(d) {
	const hex = (d.hex || '').toLowerCase();
	const pairs = hex.match(/../g) || [];
	let s = clock(d.t || Date.now(), true) + ' ' + (d.dir === 'tx' ? 'tx' : 'rx') + ' ' + pairs.join(' ');
	if ($('#raw-ascii').checked) s += '  |' + textOf(hex) + '|';
	return s + '\n';
}

function stop() {
	es?.close();
	es = null;
	go.textContent = 'Start';
	out.dataset.running = '0';
}

function start(port) {
	stop();
	es = new EventSource('api/raw?port=' + encodeURIComponent(port));
	go.textContent = 'Stop';
	out.dataset.running = '1';
	const follow = () => out.scrollTop + out.clientHeight >= out.scrollHeight - 4;
	es.addEventListener('raw', (ev) => {
		const stick = follow();
		out.append(line(JSON.parse(ev.data)));
		while (out.childNodes.length > KEEP) out.firstChild.remove();
		if (stick) out.scrollTop = out.scrollHeight;
	});
	es.addEventListener('error', () => { if (es && es.readyState === EventSource.CLOSED) stop(); });
}

export async function init() {
	if (started) return;
	started = true;
	const sel = $('#raw-port');
	try {
		const r = await getJSON('api/ports');
		sel.replaceChildren(...r.ports.map((p) => new Option(p, p)));
		if (!r.ports.length) out.textContent = 'No ports.';
	} catch (e) {
		out.textContent = String(e.message || e);
	}
	$('#raw-form').addEventListener('submit', (e) => {
		e.preventDefault();
		if (es) stop();
		else if (sel.value) start(sel.value);
	});
	sel.addEventListener('change', () => { if (es) start(sel.value); });
	$('#raw-clear').addEventListener('click', () => out.replaceChildren());
	document.addEventListener('visibilitychange', () => { if (document.hidden) stop(); });
}

// dom.js - the few helpers every module of the page shares.

// h('span', {class: 'x'}, 'text', child) -> element. Attributes starting
// with "on" are listeners; null/false attributes are left out.
export function h(tag, attrs, ...children) {
	const el = document.createElement(tag);
	for (const [k, v] of Object.entries(attrs || {})) {
		if (v == null || v === false) continue;
		if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
		else el.setAttribute(k, v === true ? '' : v);
	}
	el.append(...children.filter((c) => c != null));
	return el;
}

export const $ = (sel, root = document) => root.querySelector(sel);

export async function getJSON(url) {
	const r = await fetch(url, { cache: 'no-store' });
	if (!r.ok) {
		let msg = r.status + ' ' + r.statusText;
		try { msg = (await r.json()).error || msg; } catch (e) { /* not JSON */ }
		throw new Error(url.split('?')[0] + ': ' + msg);
	}
	return r.json();
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

export function clock(ms, withMs) {
	const d = new Date(ms);
	const t = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
	return withMs ? t + '.' + pad(d.getMilliseconds(), 3) : t;
}

// "5 s ago", "3 min ago", "2 h ago", or the date for older times.
export function ago(ms, now = Date.now()) {
	if (!ms) return 'never';
	const s = Math.max(0, Math.round((now - ms) / 1000));
	if (s < 90) return s + ' s ago';
	if (s < 5400) return Math.round(s / 60) + ' min ago';
	if (s < 129600) return Math.round(s / 3600) + ' h ago';
	return new Date(ms).toLocaleDateString() + ' ' + clock(ms);
}

// A reading as the page prints it: the meter's precision when the catalogue
// gives one, else the number as it came (the server sends exact decimals).
export function formatValue(v, precision) {
	if (typeof v !== 'number' || !isFinite(v)) return '–';
	return Number.isInteger(precision) && precision >= 0 && precision <= 12
		? v.toFixed(precision) : String(v);
}

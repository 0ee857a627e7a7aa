// settings.js - a device's parameters (/api/params): shown to everyone who
// can see the page, changed only by a logged-in user. A write goes to the
// device between the poller's reads and is confirmed by a read-back; the
// page asks /api/params/result until the device has answered.
import { $, h, getJSON } from './dom.js';

let csrf = null;
let started = false;

async function post(url, form) {
	const r = await fetch(url, {
		method: 'POST',
		headers: Object.assign({ 'Content-Type': 'application/x-www-form-urlencoded' },
			csrf ? { 'X-CSRF-Token': csrf } : {}),
		body: new URLSearchParams(form),
		cache: 'no-store',
	});
	let body = {};
	try { body = await r.json(); } catch (e) { /* empty */ }
	if (!r.ok) throw new Error(body.error || (r.status + ' ' + r.statusText));
	return body;
}

function showUser(user) {
	$('#login-form').hidden = !!user;
	$('#logout').hidden = !user;
	$('#who').textContent = user ? 'logged in as ' + user : 'read-only: log in to change settings';
	for (const b of document.querySelectorAll('#params button, #params input'))
		b.disabled = !user;
}

async function waitResult(id, status) {
	for (let i = 0; i < 60; i++) {
		await new Promise((res) => setTimeout(res, 500));
		const r = await getJSON('/api/params/result?id=' + id);
		if (r.done) {
			status.textContent = r.ok ? 'set, read back ' + r.value : 'failed: ' + r.message;
			status.dataset.state = r.ok ? 'ok' : 'bad';
			return r;
		}
	}
	status.textContent = 'no answer yet';
	return null;
}

function row(p) {
	const input = h('input', { type: 'number', step: p.step, min: p.min, max: p.max,
		value: p.value ?? '', 'aria-label': p.name });
	const status = h('span', { class: 'note' });
	const set = h('button', { type: 'button', onclick: async () => {
		status.textContent = 'writing…';
		status.dataset.state = '';
		try {
			const r = await post('/api/params', { meter: p.meter, name: p.name, value: input.value });
			const done = await waitResult(r.id, status);
			if (done && done.ok) input.value = done.value;
		} catch (e) {
			status.textContent = String(e.message || e);
			status.dataset.state = 'bad';
		}
	} }, 'Set');
	return h('tr', { 'data-param': p.meter + '/' + p.name },
		h('td', null, p.meter), h('th', { scope: 'row', title: p.description }, p.name),
		h('td', null, input, ' ', p.unit || ''),
		h('td', { class: 'note' }, (p.min ?? '') + ' … ' + (p.max ?? '')),
		h('td', null, set, ' ', status));
}

async function load() {
	const [s, ps] = await Promise.all([getJSON('/api/session'), getJSON('/api/params')]);
	csrf = s.csrf || null;
	const body = $('#params tbody');
	body.replaceChildren(...ps.params.map(row));
	$('#params-empty').hidden = ps.params.length > 0;
	showUser(s.user);
}

export function init() {
	if (started) return load();
	started = true;
	$('#login-form').addEventListener('submit', async (ev) => {
		ev.preventDefault();
		const f = ev.target;
		try {
			const r = await post('/api/login', { user: f.user.value, password: f.password.value });
			csrf = r.csrf;
			f.password.value = '';
			$('#login-error').textContent = '';
			showUser(r.user);
		} catch (e) {
			$('#login-error').textContent = String(e.message || e);
		}
	});
	$('#logout').addEventListener('click', async () => {
		try { await post('/api/logout', {}); } catch (e) { /* the session may be gone */ }
		csrf = null;
		showUser(null);
	});
	return load();
}

// The tab only shows when the configuration has a control section.
export async function probe() {
	try {
		const s = await getJSON('/api/session');
		return !!s.control;
	} catch (e) {
		return false;
	}
}

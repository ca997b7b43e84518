// Helpers for browser tests: Debian's chromium through playwright-core, crmctl, and a
// tiny runner printing "ok - name" / "not ok - name: why" lines that tests/run.sh counts.
// Environment (set by tests/run.sh): BUILD, CRM_STATE, PORT, ARTIFACTS.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname ?? path.dirname(new URL(import.meta.url).pathname), '..', '..');
export const BUILD = process.env.BUILD ?? path.join(ROOT, 'build');
export const STATE = process.env.CRM_STATE ?? path.join(BUILD, 'state');
export const PORT = Number(process.env.PORT ?? 8090);
export const BASE = `http://127.0.0.1:${PORT}`;
export const ARTIFACTS = process.env.ARTIFACTS ?? path.join(BUILD, 'artifacts');

// Chromium as Debian ships it: no browser download, no sandbox (we may run as root),
// and nothing that reaches out to the network by itself.
export async function launch() {
	return chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
	});
}

// crmctl against the test stack; input goes to stdin (passwords never on the command line).
export function crmctl(args, input = '') {
	const r = spawnSync(path.join(BUILD, 'bin', 'crmctl'), ['-c', path.join(STATE, 'crm.conf'), ...args],
		{ input, encoding: 'utf8', timeout: 60000 });
	if (r.status !== 0)
		throw new Error(`crmctl ${args.join(' ')}: exit ${r.status ?? r.signal}: ${(r.stderr || r.stdout || r.error || '').toString().trim()}`);
	return r.stdout;
}

// A fresh user with a unique login; returns {login, password}.
export function makeUser(prefix, name, role) {
	const login = `${prefix}.${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
	const password = randomBytes(12).toString('base64url');
	crmctl(['user', 'add', login, name, '-r', role], `${password}\n`);
	return { login, password };
}

// Signs in through the /login form, as a person would; resolves once the next page loaded.
export async function logIn(page, user, next = '/') {
	await page.goto(`${BASE}/login?next=${encodeURIComponent(next)}`);
	await page.fill('input[name="login"]', user.login);
	await page.fill('input[name="password"]', user.password);
	await Promise.all([page.waitForNavigation(), page.click('form.login button[type="submit"]')]);
	if (new URL(page.url()).pathname === '/login')
		throw new Error(`still on /login after signing in: ${(await page.textContent('main')).trim().slice(0, 200)}`);
}

export function artifact(name) {
	mkdirSync(ARTIFACTS, { recursive: true });
	return path.join(ARTIFACTS, name);
}

// Named checks run in order; once one fails, the rest report that they were not reached,
// so the count of checks stays the same whatever happens.
export class Checks {
	constructor() {
		this.failed = 0;
		this.broken = null;
	}

	async run(name, fn) {
		if (this.broken) {
			console.log(`not ok - ${name}: not reached (${this.broken} failed)`);
			this.failed++;
			return;
		}
		try {
			await fn();
			console.log(`ok - ${name}`);
		} catch (e) {
			const why = String(e?.message ?? e).split('\n').filter(Boolean).slice(0, 3).join(' | ');
			console.log(`not ok - ${name}: ${why}`);
			this.failed++;
			this.broken = name;
		}
	}
}

export function expect(cond, message) {
	if (!cond)
		throw new Error(message);
}

// One browser test around body({ browser, page, checks, watch }): a page (options.viewport,
// options.locale) whose script errors are collected, as are those of the pages body hands
// to watch; then the check that there were none, a screenshot <name>-failure.png when a
// check failed, options.after({ checks }) and the browser closed whatever happened, and the
// exit code.
export async function browserTest(name, options, body) {
	const checks = new Checks();
	const scriptErrors = [];
	const watch = (p) => {
		p.on('pageerror', (e) => scriptErrors.push(`${p.url()}: ${e.message}`));
		return p;
	};
	let browser = null;
	try {
		browser = await launch();
		const page = watch(await browser.newPage({ viewport: options.viewport ?? { width: 1280, height: 900 },
			locale: options.locale }));
		page.setDefaultTimeout(15000);
		await body({ browser, page, checks, watch });
		await checks.run('no script errors on the pages visited', async () => {
			expect(scriptErrors.length === 0, scriptErrors.join('; '));
		});
		if (checks.failed)
			await page.screenshot({ path: artifact(`${name}-failure.png`), fullPage: true }).catch(() => {});
	} catch (e) {
		console.log(`not ok - browser test setup: ${String(e?.message ?? e).split('\n')[0]}`);
		checks.failed++;
	} finally {
		if (options.after)
			await options.after({ checks });
		if (browser)
			await browser.close().catch(() => {});
	}
	process.exitCode = checks.failed ? 1 : 0;
}


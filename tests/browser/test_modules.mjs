// The Modules page in a real browser: the owner signs in through the form, switches the
// "home" module off and on again; its menu entry and its route go and come back at once.
// Screenshots of both states are kept in $ARTIFACTS.
import { BASE, artifact, browserTest, crmctl, expect, logIn, makeUser } from './crm.mjs';

const MODULES = `${BASE}/admin/modules`;
const ROW = 'tr[data-plugin="home"]';
const HOME_LINK = 'nav.sidebar a[href="/"]';
const HOME_TEXT = /^\s*(Home|Главная)\s*$/;
const ENABLE_TEXT = /Enable|Включить/;
const DISABLE_TEXT = /Disable|Отключить/;

// Clicks the home row's switch and waits for the redirect back to the Modules page.
async function flip(page, want, state) {
	const button = page.locator(`${ROW} button.switch`);
	expect(await button.count() === 1, `${await button.count()} switch buttons in ${ROW}`);
	const [response] = await Promise.all([page.waitForNavigation(), button.click()]);
	expect(response?.status() === 200, `after the switch: status ${response?.status()}`);
	const req = response.request();
	expect(req.redirectedFrom()?.method() === 'POST',
		`the switch did not post and redirect (${req.method()} ${req.url()})`);
	expect(new URL(page.url()).pathname === '/admin/modules', `redirected to ${page.url()}, not /admin/modules`);
	const text = (await page.locator(`${ROW} button.switch`).innerText()).trim();
	expect(want.test(text), `the switch now reads "${text}", expected ${want}`);
	const shown = await page.locator(ROW).getAttribute('data-status');
	expect(shown === state, `the row shows status "${shown}", not "${state}"`);
	expect(await page.locator('.flash').count() > 0, 'no flash message after the change');
}

async function status(page, url) {
	const response = await page.goto(url);
	return response?.status();
}

let homeOn = true;
// The home module is switched back on whatever happened.
async function restoreHome({ checks }) {
	if (homeOn)
		return;
	try {
		crmctl(['plugin', 'enable', 'home']);
	} catch (e) {
		console.log(`not ok - restoring the home module: ${e.message}`);
		checks.failed++;
	}
}

await browserTest('modules', { viewport: { width: 1280, height: 800 }, after: restoreHome }, async ({ page, checks }) => {
	const owner = makeUser('browser.owner', 'Browser Owner', 'owner');

	await checks.run('the owner signs in through the login form', async () => {
		await logIn(page, owner, '/admin/modules');
		expect(new URL(page.url()).pathname === '/admin/modules', `landed on ${page.url()}, not next=/admin/modules`);
		const name = (await page.locator('.user-name-text').innerText()).trim();
		expect(name === 'Browser Owner', `top bar shows "${name}"`);
	});

	await checks.run('the Modules page lists home, enabled, with its menu entry and route', async () => {
		expect(await status(page, MODULES) === 200, 'GET /admin/modules is not 200');
		expect(await page.locator(ROW).count() === 1, `no single ${ROW} row`);
		const text = (await page.locator(`${ROW} button.switch`).innerText()).trim();
		expect(DISABLE_TEXT.test(text), `home's switch reads "${text}", expected a Disable button`);
		const shown = await page.locator(ROW).getAttribute('data-status');
		expect(shown === 'enabled', `the row shows status "${shown}", not "enabled"`);
		const links = page.locator(HOME_LINK);
		expect(await links.count() === 1, `${await links.count()} home entries in the menu`);
		expect(HOME_TEXT.test(await links.innerText()), `menu entry reads "${await links.innerText()}"`);
	});

	await checks.run('disabling home on the Modules page removes its menu entry and route at once', async () => {
		homeOn = false;
		await flip(page, ENABLE_TEXT, 'disabled');
		await page.screenshot({ path: artifact('modules-disabled.png'), fullPage: true });
		expect(await page.locator(HOME_LINK).count() === 0, 'the Home entry is still in the menu');
		// By its text too, wherever the entry would link: the menu is not empty, only without home.
		const menu = await page.locator('nav.sidebar a').allInnerTexts();
		expect(menu.length > 0, 'the menu is gone altogether');
		expect(!menu.some((t) => HOME_TEXT.test(t)), `menu still has a home entry: ${menu.join(', ')}`);
		const s = await status(page, `${BASE}/`);
		expect(s === 404, `GET / answered ${s}, not 404`);
	});

	await checks.run('enabling home again brings back its menu entry and route', async () => {
		expect(await status(page, MODULES) === 200, 'GET /admin/modules is not 200');
		await flip(page, DISABLE_TEXT, 'enabled');
		homeOn = true;
		await page.screenshot({ path: artifact('modules-enabled.png'), fullPage: true });
		const links = page.locator(HOME_LINK);
		expect(await links.count() === 1, `${await links.count()} home entries in the menu`);
		expect(HOME_TEXT.test(await links.innerText()), `menu entry reads "${await links.innerText()}"`);
		const s = await status(page, `${BASE}/`);
		expect(s === 200, `GET / answered ${s}, not 200`);
	});

});

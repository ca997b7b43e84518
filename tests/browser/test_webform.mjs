// The web form "Contacts from site" in a real browser: an admin creates a form and copies
// its code, another origin (a static server on another port) serves a page with that
// code, and a visitor fills it in. The script fetches its time stamp and posts across
// origins; the answer shows on the page and the contact appears in the CRM's list.
import { createServer } from 'node:http';
import { BASE, artifact, browserTest, expect, logIn, makeUser } from './crm.mjs';

let site = null;
await browserTest('webform', { locale: 'en-US', after: () => site?.close() }, async ({ browser, page, checks, watch }) => {
	const admin = makeUser('browser.webform', 'Browser Webform', 'admin');
	const stamp = Date.now().toString(36);
	const lastName = `Visitor${stamp}`;
	let code = null;
	let formUrl = null;

	await checks.run('the admin creates a web form and gets its code', async () => {
		await logIn(page, admin, '/contacts/webforms/new');
		await page.fill('input[name="name"]', `Landing ${stamp}`);
		await page.selectOption('select[name="f_phone"]', '1');
		await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
		formUrl = new URL(page.url()).pathname;
		expect(/^\/contacts\/webforms\/\d+$/.test(formUrl), `not on the form's page: ${formUrl}`);
		code = await page.inputValue('textarea.webform-snippet');
		expect(code.includes('<form') && code.includes('<script>') && code.includes('name="website"'),
			`the code is not a form with its script: ${code.slice(0, 200)}`);
	});

	await checks.run('the form is limited to the site that will show it', async () => {
		site = createServer((req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
			res.end(`<!doctype html><html><head><title>Shop</title></head><body><h1>Contact us</h1>${code}</body></html>`);
		});
		await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
		const origin = `http://127.0.0.1:${site.address().port}`;
		await page.goto(`${BASE}${formUrl}`);
		await page.fill('textarea[name="origins"]', origin);
		await Promise.all([page.waitForNavigation(), page.click('main form button[type="submit"]')]);
		expect(await page.inputValue('textarea[name="origins"]') === origin, 'the origin was not saved');
	});

	await checks.run('a visitor of the other site sends the form and sees the answer', async () => {
		const visitor = watch(await browser.newPage({ locale: 'en-US' }));
		await visitor.goto(`http://127.0.0.1:${site.address().port}/`);
		// The script fetched a signed time stamp from the CRM (a cross-origin request).
		await visitor.waitForFunction(() => document.querySelector('input[name="_ts"]').value.includes('.'));
		await visitor.fill('input[name="first_name"]', 'Jane');
		await visitor.fill('input[name="last_name"]', lastName);
		await visitor.fill('input[name="email"]', `jane.${stamp}@example.com`);
		await visitor.fill('input[name="phone"]', '+44 20 7946 0123');
		// People take a few seconds to fill a form in; faster posts are refused.
		await visitor.waitForTimeout(3200);
		await visitor.click('form.crm-webform button[type="submit"]');
		await visitor.waitForFunction(() => document.querySelector('.crm-webform-result').textContent.length > 0);
		const answer = await visitor.textContent('.crm-webform-result');
		await visitor.screenshot({ path: artifact(`webform-site-${stamp}.png`), fullPage: true });
		expect(answer.includes('Thank you'), `the page says: ${answer}`);
		expect(await visitor.inputValue('input[name="last_name"]') === '', 'the form was not cleared');
	});

	await checks.run('the contact is in the CRM', async () => {
		await page.goto(`${BASE}/contacts?q=${encodeURIComponent(lastName)}`);
		const text = await page.textContent('main');
		expect(text.includes(lastName) && text.includes('+44 20 7946 0123'),
			`the list does not show the new contact: ${text.replace(/\s+/g, ' ').slice(0, 300)}`);
	});

});

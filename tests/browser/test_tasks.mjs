// A task made in a real browser: a user opens a lead's card (a contact's when the leads
// module is not there), creates a task from its Tasks panel with the "in 3 days" preset,
// finds it back on the card, then closes it with one click in My tasks. Screenshots of
// the form and of My tasks are kept in $ARTIFACTS.
import { BASE, artifact, browserTest, expect, logIn, makeUser } from './crm.mjs';

await browserTest('tasks', { locale: 'en-US' },
	async ({ page, checks }) => {
	const user = makeUser('browser.tasks', 'Browser Tasks', 'user');
	const stamp = Date.now().toString(36);
	const title = `Call back ${stamp}`;
	let cardUrl = null;
	let entity = 'lead';

	await checks.run('the user signs in and opens a new lead (or contact) card', async () => {
		await logIn(page, user, '/tasks');
		const form = await page.goto(`${BASE}/leads/new`);
		if (form?.status() === 200 && await page.locator('input[name="name"]').count() === 1) {
			await page.fill('input[name="name"]', `Lead ${stamp}`);
			await Promise.all([page.waitForNavigation(),
				page.locator('.form-actions button[type="submit"]').first().click()]);
		}
		if (!/^\/leads\/\d+$/.test(new URL(page.url()).pathname)) {
			entity = 'contact';
			await page.goto(`${BASE}/contacts/new?kind=person`);
			await page.fill('input[name="first_name"]', 'Taisia');
			await page.fill('input[name="last_name"]', `Taskova ${stamp}`);
			await Promise.all([page.waitForNavigation(),
				page.click('button[name="then"][value="card"]:not(.visually-hidden)')]);
		}
		cardUrl = page.url();
		expect(new RegExp(`^/${entity}s/\\d+$`).test(new URL(cardUrl).pathname), `landed on ${cardUrl}, not a card`);
		console.log(`# the task is made from a ${entity} card`);
	});

	await checks.run('the Tasks panel makes a task due in 3 days', async () => {
		const panel = page.locator(`[data-panel="tasks.${entity}"]`);
		expect(await panel.count() === 1, 'no Tasks panel on the card');
		await Promise.all([page.waitForNavigation(), panel.locator('a.task-create').click()]);
		expect(new URL(page.url()).pathname === '/tasks/new', `the link went to ${page.url()}`);
		await page.fill('input[name="title"]', title);
		await page.check('#task-due-3days');
		const shown = await page.inputValue('input[name="due_date"]');
		expect(shown === await page.getAttribute('#task-due-3days', 'data-date'), `the date field shows ${shown}`);
		await page.fill('input[name="due_time"]', '11:15');
		await page.selectOption('select[name="remind"]', '60');
		await page.screenshot({ path: artifact('task-form.png'), fullPage: true });
		await Promise.all([page.waitForNavigation(), page.locator('#task .form-actions button[type="submit"]').click()]);
		expect(page.url() === cardUrl, `after saving: ${page.url()}, not the card`);
		const row = panel.locator('li', { hasText: title });
		expect(await row.count() === 1, 'the new task is not in the panel');
		expect((await row.innerText()).includes('11:15'), `the panel reads "${await row.innerText()}"`);
	});

	await checks.run('My tasks lists it under Upcoming and one click closes it', async () => {
		await page.goto(`${BASE}/tasks?tab=upcoming`);
		const row = page.locator('tr.task', { hasText: title });
		expect(await row.count() === 1, `${await row.count()} rows for the task`);
		expect(await row.locator('a.task-record').count() === 1, 'the row does not link its record');
		await page.screenshot({ path: artifact('my-tasks.png'), fullPage: true });
		await Promise.all([page.waitForNavigation(), row.locator('button.task-check').click()]);
		expect(new URL(page.url()).searchParams.get('tab') === 'upcoming', `went to ${page.url()}`);
		expect(await page.locator('tr.task', { hasText: title }).count() === 0, 'still listed as open');
		await page.goto(`${BASE}/tasks?tab=closed`);
		const closed = page.locator('tr.task.is-done', { hasText: title });
		expect(await closed.count() === 1, 'not listed as closed');
		await page.goto(cardUrl);
		expect(await page.locator(`[data-panel="tasks.${entity}"] li`, { hasText: title }).count() === 0,
			'the card still lists the closed task');
	});
});

// The deals board in a real browser: a user creates deals in two stages, drags one card
// from its column to the next; the card moves at once, the counts follow, and after a
// reload the deal is still there (the move was saved through the JSON endpoint). Then
// the keyboard way: a card's own form moves it back. Screenshots of the deals board, and
// of the leads board when that module answers, are kept in $ARTIFACTS.
import { BASE, artifact, browserTest, expect, logIn, makeUser } from './crm.mjs';

await browserTest('deals-board', { viewport: { width: 1400, height: 900 }, locale: 'en-US' },
	async ({ page, checks }) => {
	const stamp = Date.now().toString(36);
	const name = `Board Tester ${stamp}`;
	const user = makeUser('browser.deals', name, 'user');
	let boardUrl = null;
	let stages = [];
	const deals = [];

	await checks.run('the user signs in and creates deals in the first two stages', async () => {
		await logIn(page, user, '/deals/new');
		stages = await page.locator('select[name="stage_id"] option').evaluateAll(
			(os) => os.map((o) => o.value));
		expect(stages.length >= 4, `${stages.length} stages offered`);
		const made = [['Warehouse racks', '450 000', 0], ['Office chairs', '120 000', 0],
			['Annual support', '36 000', 1], ['Delivery van', '2 300 000', 2]];
		for (const [title, budget, stage] of made) {
			await page.goto(`${BASE}/deals/new`);
			await page.fill('input[name="name"]', `${title} ${stamp}`);
			await page.fill('input[name="budget"]', budget);
			await page.selectOption('select[name="stage_id"]', stages[stage]);
			await Promise.all([page.waitForNavigation(),
				page.click('button[name="then"][value="card"]')]);
			const m = new URL(page.url()).pathname.match(/^\/deals\/(\d+)$/);
			expect(m, `landed on ${page.url()}`);
			deals.push(m[1]);
		}
	});

	await checks.run('the board shows the user\'s deals in their columns', async () => {
		await page.goto(`${BASE}/deals/board`);
		await page.selectOption('select[name="manager"]', { label: name });
		await Promise.all([page.waitForNavigation(), page.click('form.deal-board-filter button[type="submit"]')]);
		boardUrl = page.url();
		const first = page.locator(`.board-column[data-key="${stages[0]}"]`);
		expect(await first.locator('.board-card').count() === 2, 'two cards in the first column');
		expect((await first.locator('.board-count').innerText()).trim() === '2', 'the first column counts 2');
	});

	await checks.run('a card dragged to the next column moves and the counts follow', async () => {
		const card = page.locator(`.board-card[data-id="${deals[0]}"]`);
		const target = page.locator(`.board-column[data-key="${stages[1]}"]`);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/deals/board/move')),
			card.dragTo(target),
		]);
		expect(response.status() === 200, `the move answered ${response.status()}`);
		expect((await response.json()).ok === true, 'the move did not answer ok');
		expect(await target.locator(`.board-card[data-id="${deals[0]}"]`).count() === 1, 'the card is not in the target');
		expect((await target.locator('.board-count').innerText()).trim() === '2', 'the target does not count 2');
		const source = page.locator(`.board-column[data-key="${stages[0]}"]`);
		expect((await source.locator('.board-count').innerText()).trim() === '1', 'the source does not count 1');
	});

	await checks.run('after a reload the deal is still in its new column', async () => {
		await page.goto(boardUrl);
		const target = page.locator(`.board-column[data-key="${stages[1]}"]`);
		expect(await target.locator(`.board-card[data-id="${deals[0]}"]`).count() === 1, 'the move was not saved');
		await page.screenshot({ path: artifact('deals-board.png'), fullPage: true });
	});

	await checks.run('the board\'s form moves the ticked card back without leaving the page', async () => {
		const card = page.locator(`.board-card[data-id="${deals[0]}"]`);
		await card.locator('input.board-pick').check();
		const form = page.locator('form.board-move-form');
		await form.locator('select[name="to"]').selectOption(stages[0]);
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/deals/board/move')),
			form.locator('button[type="submit"]').click(),
		]);
		expect(response.status() === 200, `the move answered ${response.status()}`);
		expect(page.url() === boardUrl, `the page changed to ${page.url()}`);
		const first = page.locator(`.board-column[data-key="${stages[0]}"]`);
		expect(await first.locator(`.board-card[data-id="${deals[0]}"]`).count() === 1, 'the card did not come back');
		await page.goto(`${BASE}/deals/${deals[0]}`);
		expect(await page.locator('.history-item').count() >= 3, 'the moves are not in the history');
	});

	await checks.run('the leads board, when there is one, is kept as a picture too', async () => {
		const r = await page.goto(`${BASE}/leads/board`);
		if (r && r.status() === 200)
			await page.screenshot({ path: artifact('leads-board.png'), fullPage: true });
	});
});

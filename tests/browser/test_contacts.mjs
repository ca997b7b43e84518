// A contact made in a real browser: an admin adds a custom field for contacts, then
// creates a person with a photo (a PNG larger than 200x300), a tag and that field's
// value; the card shows all three, the photo scaled down. The card's screenshot is
// kept in $ARTIFACTS.
import { deflateSync } from 'node:zlib';
import { writeFileSync } from 'node:fs';
import { BASE, artifact, browserTest, expect, logIn, makeUser } from './crm.mjs';

// A solid-colour RGB PNG of w x h, made here so the test needs no image files.
function png(w, h, [r, g, b]) {
	const crcTable = Array.from({ length: 256 }, (_, n) => {
		let c = n;
		for (let k = 0; k < 8; k++)
			c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
		return c >>> 0;
	});
	const crc = (buf) => {
		let c = 0xffffffff;
		for (const byte of buf)
			c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
		return (c ^ 0xffffffff) >>> 0;
	};
	const chunk = (type, data) => {
		const len = Buffer.alloc(4);
		len.writeUInt32BE(data.length);
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const sum = Buffer.alloc(4);
		sum.writeUInt32BE(crc(body));
		return Buffer.concat([len, body, sum]);
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(w, 0);
	ihdr.writeUInt32BE(h, 4);
	ihdr[8] = 8; // bit depth
	ihdr[9] = 2; // RGB
	const row = Buffer.alloc(1 + w * 3);
	for (let x = 0; x < w; x++)
		row.set([r, g, b], 1 + x * 3);
	const raw = Buffer.concat(Array.from({ length: h }, () => row));
	return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

await browserTest('contacts', { locale: 'en-US' },
	async ({ page, checks }) => {
	const admin = makeUser('browser.contacts', 'Browser Contacts', 'admin');
	const stamp = Date.now().toString(36);
	const fieldName = `Favourite city ${stamp}`;
	const tag = `browser-${stamp}`;
	const photo = artifact(`contact-photo-${stamp}.png`);
	writeFileSync(photo, png(400, 600, [32, 120, 200]));
	let cardUrl = null;

	await checks.run('the admin signs in and adds a custom field for contacts', async () => {
		await logIn(page, admin, '/admin/fields?entity=contact');
		const form = page.locator('form:has(input[name="entity"][value="contact"])');
		expect(await form.count() === 1, `${await form.count()} forms for contact fields`);
		await form.locator('input[name="name"]').fill(fieldName);
		await form.locator('select[name="type"]').selectOption('text');
		await Promise.all([page.waitForNavigation(), form.locator('button[type="submit"]').first().click()]);
		expect((await page.content()).includes(fieldName), 'the new field is not listed');
	});

	// A number no earlier run used, so that the form finds no duplicate on a reused stack.
	const phone = String(Math.floor(Math.random() * 1e7)).padStart(7, '0');
	await checks.run('a person is created with a photo, a tag and the custom field', async () => {
		await page.goto(`${BASE}/contacts/new?kind=person`);
		await page.fill('input[name="first_name"]', 'Darya');
		await page.fill('input[name="last_name"]', `Browserova ${stamp}`);
		await page.fill('input[name="email_0"]', `darya.${stamp}@example.com`);
		await page.fill('input[name="phone_0"]', `8 (912) ${phone.slice(0, 3)}-${phone.slice(3, 5)}-${phone.slice(5)}`);
		await page.fill('input[name="tags"]', tag);
		const label = page.locator('label', { hasText: fieldName });
		expect(await label.count() === 1, 'the custom field is not on the form');
		const input = page.locator(`#${await label.getAttribute('for')}`);
		await input.fill('Kazan');
		await page.setInputFiles('input[name="photo"]', photo);
		const [response] = await Promise.all([page.waitForNavigation(),
			page.click('button[name="then"][value="card"]:not(.visually-hidden)')]);
		expect(response?.status() === 200, `after saving: status ${response?.status()}`);
		cardUrl = page.url();
		expect(/\/contacts\/\d+$/.test(new URL(cardUrl).pathname), `landed on ${cardUrl}, not a card`);
	});

	await checks.run('the card shows the tag, the custom field and the scaled photo', async () => {
		expect(await page.locator(`.tag[data-tag="${tag}"]`).count() === 1, 'no tag chip on the card');
		const field = page.locator('.custom-field', { hasText: fieldName });
		expect(await field.count() === 1, 'no custom field on the card');
		expect((await field.innerText()).includes('Kazan'), `the field reads "${await field.innerText()}"`);
		const img = page.locator('img.photo-img');
		expect(await img.count() === 1, 'no photo on the card');
		await img.evaluate((el) => el.decode());
		const size = await img.evaluate((el) => [el.naturalWidth, el.naturalHeight]);
		expect(size[0] <= 200 && size[1] <= 300 && size[0] > 0, `the photo is ${size[0]}x${size[1]}`);
		expect(await page.locator(`a[href="tel:+7912${phone}"]`).count() === 1, 'the phone is not dialable in E.164');
		await page.screenshot({ path: artifact('contact-card.png'), fullPage: true });
	});

	await checks.run('the contact is in the list with its tag', async () => {
		await page.goto(`${BASE}/contacts?tag=${encodeURIComponent(tag)}`);
		const rows = page.locator('tr.contact');
		expect(await rows.count() === 1, `${await rows.count()} rows for the tag`);
		expect((await rows.first().innerText()).includes(`Browserova ${stamp}`), 'the row does not name the contact');
	});
});

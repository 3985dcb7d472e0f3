// The guest page (issue 24) in a real browser: Debian's Chromium driven by playwright-core, at a
// desktop and a phone-sized viewport, against a running sidecar and the fake plugNmeet. The page
// runs under its own strict CSP (a violation would show in the console), fits a phone without
// sideways scrolling, Join takes the guest to plugNmeet (the CSP's form-action lets exactly that
// redirect through), the waiting page reloads by itself, and the words follow the browser's
// language. `SCREENSHOTS=1` writes docs/images/guest-page.png, guest-page-phone.png,
// guest-page-waiting-phone.png and guest-page-invalid-phone.png.
import assert from 'node:assert/strict';
import {mkdirSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {chromium, type Browser, type BrowserContext, type Page} from 'playwright-core';
import {hashLinkToken} from '../src/meetings/guests/links.js';
import {type Harness, jwtClaims, startHarness} from './harness.js';

const imagesDir = join(import.meta.dirname, '..', '..', 'docs', 'images');
const screenshots = process.env.SCREENSHOTS === '1';

const VIEWPORTS = {
    desktop: {viewport: {width: 1280, height: 800}, deviceScaleFactor: 1, isMobile: false, hasTouch: false},
    // A common phone (390 x 844 CSS pixels, as an iPhone 12 to 15 reports).
    phone: {viewport: {width: 390, height: 844}, deviceScaleFactor: 2, isMobile: true, hasTouch: true},
} as const;

describe('the guest page in Chromium', () => {
    let h: Harness;
    let browser: Browser;
    let url = '';
    let roomId = '';

    before(async () => {
        h = await startHarness({env: {MEETINGS_GUEST_LINKS: 'moderators'}});
        browser = await chromium.launch({executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run']});
        const started = await h.command(h.users.alice, h.channels.town, 'start Parents’ evening, class 4b');
        roomId = started.body.props.plugnmeet_room_id;
        url = (await h.command(h.users.alice, h.channels.town, 'invite')).body.props.plugnmeet_guest_url;
        if (screenshots) {
            mkdirSync(imagesDir, {recursive: true});
        }
    });
    after(async () => {
        await browser?.close();
        await h?.close();
    });

    /** A fresh context as a guest's browser; `problems` collects CSP violations and page errors. */
    async function guestBrowser(kind: keyof typeof VIEWPORTS, locale = 'en-US'): Promise<{context: BrowserContext; page: Page; problems: string[]}> {
        const context = await browser.newContext({...VIEWPORTS[kind], locale});
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('console', (m) => {
            if (m.type() === 'error' && /Content Security Policy|Refused/.test(m.text())) {
                problems.push(m.text());
            }
        });
        page.on('pageerror', (e) => problems.push(String(e)));
        return {context, page, problems};
    }

    async function fitsWidth(page: Page) {
        const {scroll, inner} = await page.evaluate(() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth}));
        assert.ok(scroll <= inner, `no sideways scrolling (${scroll} > ${inner})`);
    }

    for (const kind of ['desktop', 'phone'] as const) {
        test(`${kind}: topic, inviter, name field and Join; Join goes to the meeting as a guest`, async () => {
            const {context, page, problems} = await guestBrowser(kind);
            try {
                const before = h.pnm.tokens.length;
                await page.goto(url);
                assert.equal(await page.getByRole('heading', {level: 1}).innerText(), 'Parents’ evening, class 4b');
                await page.getByText('alice invited you to').waitFor();
                const name = page.getByLabel('Your name');
                assert.ok(await name.isVisible());
                const joinButton = page.getByRole('button', {name: 'Join'});
                const box = (await joinButton.boundingBox())!;
                assert.ok(box.height >= 40, 'a button a thumb can hit');
                await fitsWidth(page);
                assert.equal(h.pnm.tokens.length, before, 'opening the page minted nothing');
                if (screenshots) {
                    await name.fill('Zoë');
                    await page.screenshot({path: join(imagesDir, kind === 'phone' ? 'guest-page-phone.png' : 'guest-page.png'), fullPage: true});
                }
                await name.fill(kind === 'phone' ? 'Zoë' : 'Sam');
                await Promise.all([page.waitForURL((u) => u.href.startsWith(`${h.pnm.url}/?access_token=`)), joinButton.click()]);
                const token = new URL(page.url()).searchParams.get('access_token')!;
                const claims = jwtClaims(token);
                assert.equal(claims.name, kind === 'phone' ? 'Zoë (guest)' : 'Sam (guest)');
                assert.equal(claims.is_admin, false);
                assert.equal(claims.room_id, roomId);
                assert.deepEqual(problems, []);
            } finally {
                await context.close();
            }
        });
    }

    test('phone, German: an empty name is asked for again, in the browser\'s language', async () => {
        const {context, page, problems} = await guestBrowser('phone', 'de-DE');
        try {
            await page.goto(url);
            await page.getByLabel('Dein Name').waitFor();
            // The field is required: the browser itself stops an empty Join. Spaces only reach the sidecar.
            await page.getByLabel('Dein Name').fill('   ');
            await Promise.all([page.waitForNavigation(), page.getByRole('button', {name: 'Teilnehmen'}).click()]);
            await page.getByRole('alert').getByText('Bitte gib deinen Namen ein.').waitFor();
            assert.equal(await page.locator('html').getAttribute('lang'), 'de');
            await fitsWidth(page);
            assert.deepEqual(problems, []);
        } finally {
            await context.close();
        }
    });

    test('phone: before the meeting is live the page says so and reloads by itself; a link that no longer works says so', async () => {
        const now = Date.now();
        await h.app.store.reserveMeeting({
            roomId: 'w'.repeat(32), channelId: h.channels.other.id, teamId: h.mm.teamId, rootId: '', creatorId: h.users.alice.id,
            creatorUsername: 'alice', creatorName: 'alice', creatorLocale: 'en', topic: 'Interview: backend role', startedAt: now,
        });
        const token = 'Wait'.repeat(5) + 'ed';
        await h.app.store.addGuestInvite({id: 'abcdef0123', tokenHash: hashLinkToken(token), roomId: 'w'.repeat(32), inviterId: h.users.alice.id, inviterName: 'alice', createdAt: now, expiresAt: now + 3600_000, maxUses: 0});
        const {context, page, problems} = await guestBrowser('phone');
        try {
            const loads: string[] = [];
            page.on('load', () => loads.push(page.url()));
            await page.goto(`${h.url}/guest/${token}`);
            await page.getByText('The meeting has not started yet').waitFor();
            await fitsWidth(page);
            if (screenshots) {
                await page.screenshot({path: join(imagesDir, 'guest-page-waiting-phone.png'), fullPage: true});
            }
            // The meta refresh (10 s) reloads the page with no script.
            await page.waitForEvent('load', {timeout: 15_000});
            assert.ok(loads.length >= 2, 'reloaded by itself');

            await page.goto(`${h.url}/guest/${'Z'.repeat(22)}`);
            await page.getByRole('heading', {name: 'This invitation is no longer valid'}).waitFor();
            await fitsWidth(page);
            if (screenshots) {
                await page.screenshot({path: join(imagesDir, 'guest-page-invalid-phone.png'), fullPage: true});
            }
            assert.deepEqual(problems, []);
        } finally {
            await context.close();
        }
    });
});

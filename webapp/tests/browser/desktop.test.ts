// The Desktop app host: the Mattermost 11 host plus the app's popup rules (host/desktop.js,
// from mattermost/desktop webContentEvents.ts and pluginsPopUps.ts), its user agent and
// window.desktopAPI. Start and Join must reach the system browser, not an empty popup.
import type {BrowserContext, Page} from 'playwright-core';

import {CALL_BUTTON, chooseFromCallMenu, createRig, livePost, until} from './harness';

jest.setTimeout(120_000);

const rig = createRig();
let context: BrowserContext;
let page: Page;
let errors: string[];

beforeAll(async () => {
    await rig.start();
    ({context, page, errors} = await rig.openHost('desktop'));
});
afterAll(() => rig.stop());

const desktop = () => page.evaluate(() => (window as any).hostDesktop as {openedExternally: string[]; blockedNavigations: string[]; blankPopups: number});

async function expectOpenedExternally(action: () => Promise<unknown>, urlPattern: RegExp) {
    const before = (await desktop()).openedExternally.length;
    const commandsBefore = rig.commandCalls().length;
    await action();
    await until(() => rig.commandCalls().length > commandsBefore);
    await page.waitForFunction((n) => (window as any).hostDesktop.openedExternally.length > n, before);
    const state = await desktop();
    const opened = state.openedExternally.slice(before);
    expect(opened).toEqual([rig.commandCalls().at(-1)!.reply.goto_location]);
    expect(opened[0]).toMatch(urlPattern);
    expect(state.blockedNavigations).toEqual([]);
    expect(state.blankPopups).toBe(0);

    // No notice: null from window.open is success in the Desktop app, not a blocked popup.
    expect(await page.locator('.plugnmeet-notices').count()).toBe(0);
}

describe('plugin in the Desktop app host', () => {
    it('is seen as the Desktop app', async () => {
        expect(await page.evaluate(() => navigator.userAgent)).toMatch(/Electron\/\S+ .*Mattermost\/\S+/);
    });

    it('starts from the call button in the system browser', async () => {
        await rig.render(page, {posts: [livePost]});
        await expectOpenedExternally(() => page.click(CALL_BUTTON), /access_token=start-/);
    });

    it('starts from the options dialog in the system browser', async () => {
        await rig.render(page, {posts: [livePost]});
        await chooseFromCallMenu(page, 'options');
        const start = page.getByRole('dialog').getByRole('button', {name: 'Start meeting'});
        await page.getByRole('switch', {name: 'Waiting room'}).check();
        await expectOpenedExternally(() => start.click(), /access_token=start-/);
        expect(rig.commandCalls().at(-1)!.body.command).toBe('/plugnmeet start --waiting-room --');
        expect(await page.getByRole('dialog').count()).toBe(0);
    });

    it('starts from a typed /plugnmeet in the system browser', async () => {
        await rig.render(page, {posts: []});
        await page.fill('#post_textbox', '/plugnmeet');
        await expectOpenedExternally(() => page.press('#post_textbox', 'Enter'), /access_token=start-/);
    });

    it('joins from the card in the system browser', async () => {
        await rig.render(page, {posts: [livePost]});
        await expectOpenedExternally(() => page.click('[data-post-id="post-live"] button'), /access_token=join-room-live-01-/);
        expect(context.pages()).toEqual([page]);
    });

    it('logged no errors in the page', () => {
        expect(errors).toEqual([]);
    });
});

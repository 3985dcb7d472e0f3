// The meeting in its own Mattermost window (issue 26), in a real browser: where Mattermost 11
// offers the right-hand-panel popout (host_popouts.js), the floating meeting window has "Open in
// its own window"; it opens Mattermost's popout of the plugin's panel, which shows the meeting
// (the same personal link, allow list and theme) once the main window handed it over through the
// popout's messaging, and the floating window closes. Only the popout opened for the meeting gets
// it; a message of another shape or from another window does nothing; Leave and the end page close
// the popout; the user closing it leaves the meeting and breaks nothing; a blocked popup keeps the
// floating window. Mattermost 9.11-10.x (the React 17 host) and the Desktop app without popouts
// show no such control. `SCREENSHOTS=1` also writes docs/images/meeting-popout-{light,dark}.png.
import {join} from 'path';

import {MEETING_ENDED_PATH} from '@plugnmeet/contracts';
import type {BrowserContext, Frame, Page} from 'playwright-core';

import {NOW, createRig, livePost, rootDir} from './harness';
import type {HostName, RememberedOpenIn, Scene} from './harness';

jest.setTimeout(120_000);

const imagesDir = join(rootDir, 'docs', 'images');
const screenshots = process.env.SCREENSHOTS === '1';
const WINDOW = '[data-testid="plugnmeet-meeting-window"]';
const POPOUT_BUTTON = '[data-testid="plugnmeet-window-popout"]';
const ALLOW = 'camera; microphone; display-capture; fullscreen; autoplay; clipboard-write';
const POPOUT_PATH = '/_popout/rhs/engineering/town-square/plugin/plugnmeet';

const onyx = {
    centerChannelBg: '#191b1f', centerChannelColor: '#e3e4e8', buttonBg: '#4a7ce8', buttonColor: '#ffffff',
    onlineIndicator: '#3db887', awayIndicator: '#f5ab00', dndIndicator: '#d24b4e', errorTextColor: '#da6c6e', linkColor: '#5d89ea',
};

// What Mattermost's store holds of the current team and channel: the popout's URL names them.
const state = {
    entities: {
        teams: {currentTeamId: 'team1', teams: {team1: {id: 'team1', name: 'engineering'}}},
        channels: {currentChannelId: 'chan1', channels: {chan1: {id: 'chan1', team_id: 'team1', type: 'O', name: 'town-square', display_name: 'Town Square'}}},
        posts: {posts: {}},
        users: {currentUserId: 'me', profiles: {me: {id: 'me', username: 'me', locale: 'en'}}},
    },
    views: {rhs: {selectedPostId: ''}},
};

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

function answersSay(desktopEmbed = false) {
    rig.answerProps = {open_in: 'mattermost', desktop_embed: desktopEmbed, meeting_end_origin: rig.sidecarBase, meeting_topic: 'Sprint 42 review'};
}
const remembered = (desktopEmbed = false): RememberedOpenIn => ({openIn: 'mattermost', desktopEmbed, endOrigin: rig.sidecarBase, learnedAt: NOW});

type Opened = {context: BrowserContext; page: Page; errors: string[]};

async function openHost(host: HostName, desktopEmbed = false): Promise<Opened> {
    answersSay(desktopEmbed);
    const opened = await rig.openHost(host, {openIn: remembered(desktopEmbed)});
    await rig.render(opened.page, {posts: [livePost]}, state);
    return opened;
}

async function joinMeeting(page: Page): Promise<void> {
    await page.locator('[data-post-id="post-live"]').getByRole('button', {name: 'Join meeting'}).click();
    await page.locator(`${WINDOW} iframe`).waitFor();
}

/** The popout page as Mattermost opens it; rendered as Mattermost would with the user's theme. */
async function popoutOf(context: BrowserContext, click: () => Promise<unknown>, scene: Partial<Scene> = {}): Promise<{popout: Page; errors: string[]}> {
    const [popout] = await Promise.all([context.waitForEvent('page'), click()]);
    const errors: string[] = [];
    popout.on('pageerror', (error) => errors.push(String(error)));
    popout.on('console', (message) => {
        if (message.type() === 'error') {
            errors.push(message.text());
        }
    });
    await popout.waitForFunction(() => (window as any).hostRegistered?.().pluginId === 'plugnmeet');
    await rig.render(popout, {posts: [], ...scene}, state);
    return {popout, errors};
}

async function frameIn(page: Page): Promise<Frame> {
    const handle = await page.locator(`${WINDOW} iframe`).elementHandle();
    return (await handle!.contentFrame())!;
}

describe('Mattermost 11 (the React 18 host): the meeting in its own window', () => {
    let opened: Opened;
    beforeEach(async () => {
        opened = await openHost('mattermost-11');
    });
    afterEach(() => opened.context.close());

    it('"Open in its own window" opens the panel\'s popout with the meeting (link, allow list, theme); the floating window closes', async () => {
        const {context, page, errors} = opened;
        await joinMeeting(page);
        const link = rig.commandCalls().at(-1)!.reply.goto_location as string;
        const control = page.locator(POPOUT_BUTTON);
        expect(await control.getAttribute('aria-label')).toBe('Open in its own window');

        const {popout, errors: popoutErrors} = await popoutOf(context, () => control.click());
        expect(new URL(popout.url()).pathname).toBe(POPOUT_PATH);
        const frame = popout.locator(`[data-testid="rhs-plugin-popout"] ${WINDOW} iframe`);
        await frame.waitFor();
        expect(await frame.getAttribute('allow')).toBe(ALLOW);
        const src = new URL((await frame.getAttribute('src'))!);
        expect(src.searchParams.get('access_token')).toBe(new URL(link).searchParams.get('access_token'));
        expect(JSON.parse(src.searchParams.get('custom_design')!)).toMatchObject({primary_color: '#1c58d9', background_color: '#ffffff'});
        await (await frameIn(popout)).waitForSelector('text=plugNmeet');
        expect(await popout.locator(`${WINDOW} .plugnmeet-window__topic`).textContent()).toBe('Sprint 42 review');

        // Docked in the panel: no minimize, maximize or another popout; the live list is not shown.
        expect(await popout.getByTestId('plugnmeet-window-minimize').count()).toBe(0);
        expect(await popout.locator(POPOUT_BUTTON).count()).toBe(0);
        expect(await popout.locator(WINDOW).getAttribute('class')).toContain('plugnmeet-window--docked');

        // One meeting at a time: the main window's floating window is gone.
        await page.locator(WINDOW).waitFor({state: 'detached'});
        expect(await page.locator('iframe').count()).toBe(0);
        if (screenshots) {
            await popout.mouse.move(0, 0);
            await popout.screenshot({path: join(imagesDir, 'meeting-popout-light.png'), animations: 'disabled'});
        }
        expect(errors).toEqual([]);
        expect(popoutErrors).toEqual([]);
    });

    it('Leave in the popout closes it; the main window stays without a meeting and can join again', async () => {
        const {context, page, errors} = opened;
        await joinMeeting(page);
        const {popout} = await popoutOf(context, () => page.locator(POPOUT_BUTTON).click());
        await popout.locator(`${WINDOW} iframe`).waitFor();
        await page.locator(WINDOW).waitFor({state: 'detached'});
        await Promise.all([popout.waitForEvent('close'), popout.getByTestId('plugnmeet-window-leave').click()]);
        expect(await page.locator(WINDOW).count()).toBe(0);
        await joinMeeting(page);
        expect(errors).toEqual([]);
    });

    it('the end page closes the popout; the same page from another origin does nothing', async () => {
        const {context, page} = opened;
        await joinMeeting(page);
        const {popout} = await popoutOf(context, () => page.locator(POPOUT_BUTTON).click());
        await popout.locator(`${WINDOW} iframe`).waitFor();
        const frame = await frameIn(popout);
        await frame.goto(`${rig.otherOrigin}${MEETING_ENDED_PATH}`);
        await frame.waitForSelector('text=The meeting has ended');
        await popout.waitForTimeout(300);
        expect(popout.isClosed()).toBe(false);
        expect(await popout.locator(WINDOW).count()).toBe(1);

        // The sidecar's end page posts to Mattermost's origin: the popout's own, so it arrives.
        await Promise.all([popout.waitForEvent('close'), frame.goto(`${rig.sidecarBase}${MEETING_ENDED_PATH}`).catch(() => undefined)]);
        expect(await page.locator(WINDOW).count()).toBe(0);
    });

    it('the user closing the popout leaves the meeting and breaks nothing in the main window', async () => {
        const {context, page, errors} = opened;
        await joinMeeting(page);
        const {popout} = await popoutOf(context, () => page.locator(POPOUT_BUTTON).click());
        await popout.locator(`${WINDOW} iframe`).waitFor();
        await popout.close({runBeforeUnload: true});

        // browser_popouts.ts polls every 200 ms for the closed window.
        await page.waitForTimeout(600);
        expect(await page.locator(WINDOW).count()).toBe(0);
        await joinMeeting(page);
        expect(await page.locator(POPOUT_BUTTON).count()).toBe(1);
        expect(errors).toEqual([]);
    });

    it('a popup the browser blocks keeps the floating window, call and all', async () => {
        const {page, errors} = opened;
        await joinMeeting(page);
        await page.locator(`${WINDOW} iframe`).evaluate((el) => {
            (el as HTMLIFrameElement & {plugnmeetMark?: string}).plugnmeetMark = 'the same frame';
        });
        await page.evaluate(() => {
            window.open = () => null;
        });
        await page.locator(POPOUT_BUTTON).click();
        await page.waitForFunction(() => (window as any).hostPopouts.opened.length === 1);
        expect(await page.evaluate(() => (window as any).hostPopouts.opened[0].blocked)).toBe(true);
        await page.waitForTimeout(300);
        expect(await page.locator(`${WINDOW} iframe`).evaluate((el) => (el as HTMLIFrameElement & {plugnmeetMark?: string}).plugnmeetMark)).toBe('the same frame');
        expect(errors).toEqual([]);
    });

    it('only the popout opened for the meeting gets it; other shapes and other windows\' messages do nothing', async () => {
        const {context, page} = opened;
        await joinMeeting(page);
        rig.liveSheet = {meetings: [], recordings: []};

        // The panel's own popout (its header's button calls popoutRhsPlugin): the link stays here.
        const {popout} = await popoutOf(context, () => page.evaluate(() => (window as any).WebappUtils.popouts.popoutRhsPlugin('plugNmeet - {serverName}', 'plugnmeet', 'engineering', 'town-square')));
        await popout.locator('[data-testid="rhs-plugin-popout"] [data-testid="plugnmeet-live-panel"]').waitFor();
        await popout.waitForTimeout(300);
        expect(await popout.locator(WINDOW).count()).toBe(0);
        expect(await page.locator(`${WINDOW} iframe`).count()).toBe(1);

        const good = {url: `${rig.base}/meet/?access_token=handed`, roomId: 'room-live-01', topic: 'Sprint 42 review', openedAt: NOW, endOrigin: rig.sidecarBase, frameRefused: false};
        const bad = [
            {...good, url: 'javascript:alert(1)'},
            {...good, extra: 'x'},
            {...good, endOrigin: `${rig.sidecarBase}/path`},
            {...good, roomId: '../x'},
            'a string',
        ];
        await page.evaluate((meetings) => {
            const win = (window as any).hostPopouts.opened.at(-1).window as Window;
            for (const meeting of meetings as unknown[]) {
                win.postMessage({channel: 'plugnmeet-meeting', args: [meeting]}, window.location.origin);
            }
            win.postMessage({channel: 'plugnmeet-meeting', args: [(meetings as unknown[])[0], 'two']}, window.location.origin);
            win.postMessage({channel: 'another-channel', args: [{}]}, window.location.origin);
        }, bad);

        // A good shape from a window that is not its opener: Mattermost's popout drops it.
        await popout.evaluate((meeting) => window.postMessage({channel: 'plugnmeet-meeting', args: [meeting]}, window.location.origin), good);
        await popout.waitForTimeout(300);
        expect(await popout.locator(WINDOW).count()).toBe(0);
        expect(popout.isClosed()).toBe(false);

        // The same good shape from its opener shows: the channel itself works.
        await page.evaluate((meeting) => ((window as any).hostPopouts.opened.at(-1).window as Window).postMessage({channel: 'plugnmeet-meeting', args: [meeting]}, window.location.origin), good);
        await popout.locator(`${WINDOW} iframe`).waitFor();
        expect(await popout.locator(`${WINDOW} iframe`).getAttribute('src')).toContain('access_token=handed');
        await popout.close();
    });

    it('the dark theme', async () => {
        const {context, page} = opened;
        await rig.render(page, {posts: [livePost], theme: onyx}, state);
        await joinMeeting(page);
        const {popout} = await popoutOf(context, () => page.locator(POPOUT_BUTTON).click(), {theme: onyx});
        const frame = popout.locator(`${WINDOW} iframe`);
        await frame.waitFor();
        expect(JSON.parse(new URL((await frame.getAttribute('src'))!).searchParams.get('custom_design')!)).toMatchObject({background_color: '#191b1f', primary_color: '#4a7ce8'});
        await (await frameIn(popout)).waitForSelector('text=plugNmeet');
        if (screenshots) {
            await popout.mouse.move(0, 0);
            await popout.screenshot({path: join(imagesDir, 'meeting-popout-dark.png'), animations: 'disabled'});
        }
    });
});

describe('where Mattermost offers no popout, nothing of it shows', () => {
    it('Mattermost 9.11-10.x (the React 17 host): the window has no "Open in its own window"', async () => {
        const {context, page, errors} = await openHost('mattermost-10');
        try {
            await joinMeeting(page);
            expect(await page.getByTestId('plugnmeet-window-new-tab').count()).toBe(1);
            expect(await page.locator(POPOUT_BUTTON).count()).toBe(0);
            expect(errors).toEqual([]);
        } finally {
            await context.close();
        }
    });

    it('the Desktop app without popouts, with MEETINGS_DESKTOP_EMBED: the window, but no popout control', async () => {
        const {context, page, errors} = await openHost('desktop', true);
        try {
            await joinMeeting(page);
            expect(await page.locator(POPOUT_BUTTON).count()).toBe(0);
            expect(errors).toEqual([]);
        } finally {
            await context.close();
        }
    });

    it('the Desktop app without MEETINGS_DESKTOP_EMBED: the system browser, no window and no control', async () => {
        const {context, page, errors} = await openHost('desktop', false);
        try {
            await page.locator('[data-post-id="post-live"]').getByRole('button', {name: 'Join meeting'}).click();
            await page.waitForFunction(() => (window as any).hostDesktop.openedExternally.length > 0);
            expect(await page.locator(WINDOW).count()).toBe(0);
            expect(await page.locator(POPOUT_BUTTON).count()).toBe(0);
            expect(errors).toEqual([]);
        } finally {
            await context.close();
        }
    });
});

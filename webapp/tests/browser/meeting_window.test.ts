// The meeting inside Mattermost (issue 26), in a real browser: with the sidecar's open_in
// "mattermost", Join and start open the floating meeting window (an iframe with the join link and
// the allow list) and no tab; it stays when the post list re-renders and across channels; it
// minimizes to a bar, maximizes, moves; Leave closes it; the sidecar's end page closes it, the same
// message from another origin or from Mattermost's own page does nothing; a second meeting asks
// first; "new tab" opens the same personal link; the person's choice in Settings beats the
// admin's; the admin's default is asked for at start-up when the browser never learned it; the
// Desktop app keeps the system browser unless MEETINGS_DESKTOP_EMBED. Writes docs/images/
// meeting-window-{light,dark}.png and meeting-window-bar-{light,dark}.png.
import {mkdirSync} from 'fs';
import {join} from 'path';

import {MEETING_ENDED_PATH} from '@plugnmeet/contracts';
import type {BrowserContext, Frame, Page} from 'playwright-core';

import {ME_ID} from './fake_users';
import {BOT_USER_ID, CALL_BUTTON, NOW, cardPost, createRig, livePost, minutes, rootDir, until} from './harness';
import type {HostName, RememberedOpenIn} from './harness';

jest.setTimeout(120_000);

const imagesDir = join(rootDir, 'docs', 'images');
const WINDOW = '[data-testid="plugnmeet-meeting-window"]';
const ALLOW = 'camera; microphone; display-capture; fullscreen; autoplay; clipboard-write';

const onyx = {
    centerChannelBg: '#191b1f', centerChannelColor: '#e3e4e8', buttonBg: '#4a7ce8', buttonColor: '#ffffff',
    onlineIndicator: '#3db887', awayIndicator: '#f5ab00', dndIndicator: '#d24b4e', errorTextColor: '#da6c6e', linkColor: '#5d89ea',
};

const otherLivePost = cardPost('post-live-2', {
    plugnmeet_room_id: 'room-live-02', meeting_topic: 'Design sync', meeting_status: 'live',
    meeting_creator_id: 'u-carol', meeting_creator_username: 'carol', meeting_started_at: NOW - minutes(5), meeting_participants: 2,
});

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

/** The admin's default as the sidecar's answers carry it (sidecar/src/meetings/open-in.ts). */
function answersSay(openIn: 'browser' | 'mattermost', desktopEmbed = false) {
    rig.answerProps = {open_in: openIn, desktop_embed: desktopEmbed, meeting_end_origin: rig.sidecarBase, meeting_topic: 'Sprint 42 review'};
}

const remembered = (openIn: 'browser' | 'mattermost', desktopEmbed = false): RememberedOpenIn => ({openIn, desktopEmbed, endOrigin: rig.sidecarBase, learnedAt: NOW});

/** Counts every tab or window the page opens, placeholders included. */
function countTabs(context: BrowserContext): () => number {
    let opened = 0;
    context.on('page', () => {
        opened++;
    });
    return () => opened;
}

async function meetingFrame(page: Page): Promise<Frame> {
    const handle = await page.locator(`${WINDOW} iframe`).elementHandle();
    const frame = await handle!.contentFrame();
    return frame!;
}

describe.each<HostName>(['mattermost-10', 'mattermost-11'])('the meeting window in the %s host', (host) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    let tabs: () => number;
    const screenshots = host === 'mattermost-11';

    // The images in docs/ are written only when asked (SCREENSHOTS=1): a test run leaves the tree as it was.
    const writeImages = screenshots && process.env.SCREENSHOTS === '1';
    const joinButton = (postId = 'post-live') => page.locator(`[data-post-id="${postId}"]`).getByRole('button', {name: 'Join meeting'});
    const leave = () => page.getByTestId('plugnmeet-window-leave');

    beforeAll(async () => {
        ({context, page, errors} = await rig.openHost(host, {openIn: remembered('mattermost')}));
        tabs = countTabs(context);
        mkdirSync(imagesDir, {recursive: true});
    });
    afterAll(() => context?.close());
    beforeEach(() => answersSay('mattermost'));
    afterEach(async () => {
        if (await page.locator(WINDOW).count()) {
            await leave().click();
        }
    });

    it('Join opens the window: an iframe with the join link, the allow list and the theme; no tab', async () => {
        await rig.render(page, {posts: [livePost]});
        const before = tabs();
        await joinButton().click();
        const frame = page.locator(`${WINDOW} iframe`);
        await frame.waitFor();
        const link = rig.commandCalls().at(-1)!.reply.goto_location as string;
        expect(link).toMatch(/access_token=join-room-live-01-/);
        expect(await frame.getAttribute('allow')).toBe(ALLOW);
        const src = new URL((await frame.getAttribute('src'))!);
        expect(src.searchParams.get('access_token')).toBe(new URL(link).searchParams.get('access_token'));
        expect(JSON.parse(src.searchParams.get('custom_design')!)).toMatchObject({primary_color: '#1c58d9', background_color: '#ffffff', primary_btn_text_color: '#ffffff'});
        await (await meetingFrame(page)).waitForSelector('text=plugNmeet');
        expect(await page.locator(`${WINDOW} .plugnmeet-window__topic`).textContent()).toBe('Sprint 42 review');
        expect(tabs()).toBe(before);
        expect(context.pages()).toEqual([page]);
    });

    it('start from the call button opens the window, no tab', async () => {
        await rig.render(page, {posts: []});
        const before = tabs();
        await page.click(CALL_BUTTON);
        await page.locator(`${WINDOW} iframe`).waitFor();
        expect(await page.locator(`${WINDOW} iframe`).getAttribute('src')).toContain('access_token=start-');
        expect(tabs()).toBe(before);
    });

    it('stays, call and all, when the post list re-renders and the channel changes', async () => {
        await rig.render(page, {posts: [livePost]});
        await joinButton().click();
        await page.locator(`${WINDOW} iframe`).waitFor();
        await page.locator(`${WINDOW} iframe`).evaluate((el) => {
            (el as HTMLIFrameElement & {plugnmeetMark?: string}).plugnmeetMark = 'the same frame';
        });
        await rig.render(page, {posts: [livePost, otherLivePost]});
        await rig.render(page, {posts: [], channel: {id: 'chan2', team_id: 'team1', type: 'O', name: 'design'}});
        await rig.render(page, {posts: [otherLivePost], compact: true});
        expect(await page.locator(`${WINDOW} iframe`).evaluate((el) => (el as HTMLIFrameElement & {plugnmeetMark?: string}).plugnmeetMark)).toBe('the same frame');
    });

    it('minimizes to a bar with the topic and the time, maximizes, moves, and keeps the frame throughout', async () => {
        await rig.render(page, {posts: [livePost]});
        await joinButton().click();
        const win = page.locator(WINDOW);
        await win.locator('iframe').waitFor();
        if (screenshots) {
            await page.mouse.move(0, 0);
            if (writeImages) {
                await page.screenshot({path: join(imagesDir, 'meeting-window-light.png'), animations: 'disabled'});
            }
        }

        await page.getByTestId('plugnmeet-window-minimize').click();
        await expect(win.getAttribute('class')).resolves.toContain('plugnmeet-window--minimized');
        expect(await win.locator('.plugnmeet-window__topic').textContent()).toBe('Sprint 42 review');
        expect(await page.getByTestId('plugnmeet-window-time').textContent()).toMatch(/^\d+:\d\d$/);
        expect(await win.locator('iframe').isHidden()).toBe(true);
        expect(await win.locator('iframe').count()).toBe(1);
        const bar = (await win.boundingBox())!;
        expect(bar.height).toBeLessThan(60);
        if (screenshots) {
            await page.mouse.move(0, 0);
            if (writeImages) {
                await win.screenshot({path: join(imagesDir, 'meeting-window-bar-light.png'), animations: 'disabled'});
            }
        }

        await page.getByTestId('plugnmeet-window-restore').click();
        await page.getByTestId('plugnmeet-window-maximize').click();
        const full = (await win.boundingBox())!;
        expect(full).toEqual({x: 0, y: 0, width: 900, height: 700});
        await page.getByTestId('plugnmeet-window-unmaximize').click();

        // Dragged by its title bar.
        const start = (await win.boundingBox())!;
        const grip = (await win.locator('.plugnmeet-window__topic').boundingBox())!;
        await page.mouse.move(grip.x + 10, grip.y + 10);
        await page.mouse.down();
        await page.mouse.move(grip.x - 200, grip.y - 150, {steps: 5});
        await page.mouse.up();
        const moved = (await win.boundingBox())!;
        expect(Math.round(moved.x)).toBe(Math.round(start.x - 210));
        expect(Math.round(moved.y)).toBe(Math.round(start.y - 160));
        expect(await win.locator('iframe').isVisible()).toBe(true);
    });

    it('Leave closes it', async () => {
        await rig.render(page, {posts: [livePost]});
        await joinButton().click();
        await page.locator(`${WINDOW} iframe`).waitFor();
        await leave().click();
        expect(await page.locator(WINDOW).count()).toBe(0);
        expect(await page.locator('iframe').count()).toBe(0);
    });

    it('the end page closes it; the same page from another origin, or a message from Mattermost\'s own page, does nothing', async () => {
        await rig.render(page, {posts: [livePost]});
        await joinButton().click();
        await page.locator(`${WINDOW} iframe`).waitFor();

        // Mattermost's page itself (any script in it) posting the message.
        await page.evaluate(() => window.postMessage({type: 'plugnmeet-meeting-ended', version: 1}, '*'));

        // The end page's very script, served from an origin that is not the sidecar's.
        const frame = await meetingFrame(page);
        await frame.goto(`${rig.otherOrigin}${MEETING_ENDED_PATH}`);
        await frame.waitForSelector('text=The meeting has ended');
        await page.waitForTimeout(300);
        expect(await page.locator(WINDOW).count()).toBe(1);

        // plugNmeet's client goes to logout_url (ConnectNats.ts): the sidecar's end page.
        await frame.goto(`${rig.sidecarBase}${MEETING_ENDED_PATH}`).catch(() => undefined);
        await page.locator(WINDOW).waitFor({state: 'detached'});
    });

    it('asks before joining a second meeting; Stay keeps the first, Leave and join switches', async () => {
        await rig.render(page, {posts: [livePost, otherLivePost]});
        await joinButton().click();
        const frame = page.locator(`${WINDOW} iframe`);
        await frame.waitFor();
        const first = await frame.getAttribute('src');

        // Minimized to its bar, out of the posts' way; the question brings it back.
        await page.getByTestId('plugnmeet-window-minimize').click();
        rig.answerProps = {...rig.answerProps, meeting_topic: 'Design sync'};
        await joinButton('post-live-2').click();
        const question = page.getByRole('alertdialog');
        await question.waitFor();
        expect(await question.textContent()).toContain('You are in “Sprint 42 review”. Leave it and join “Design sync”?');
        await question.getByRole('button', {name: 'Stay'}).click();
        expect(await frame.getAttribute('src')).toBe(first);

        await page.getByTestId('plugnmeet-window-minimize').click();
        await joinButton('post-live-2').click();
        await question.getByRole('button', {name: 'Leave and join'}).click();
        await page.waitForFunction((old) => document.querySelector('[data-testid="plugnmeet-meeting-window"] iframe')?.getAttribute('src') !== old, first);
        expect(await frame.getAttribute('src')).toContain('access_token=join-room-live-02-');
        expect(await page.locator(`${WINDOW} .plugnmeet-window__topic`).textContent()).toBe('Design sync');
        expect(await page.locator('iframe').count()).toBe(1);
    });

    it('"Open in a new tab" opens the same personal link there and closes the window', async () => {
        await rig.render(page, {posts: [livePost]});
        await joinButton().click();
        await page.locator(`${WINDOW} iframe`).waitFor();
        const link = rig.commandCalls().at(-1)!.reply.goto_location as string;
        const [tab] = await Promise.all([context.waitForEvent('page'), page.getByTestId('plugnmeet-window-new-tab').click()]);
        await tab.waitForURL(link);
        expect(await tab.evaluate(() => window.opener)).toBeNull();
        expect(await page.locator(WINDOW).count()).toBe(0);
        await tab.close();
    });

    it('a person\'s "In a new browser tab" beats the admin\'s "mattermost"; "Inside Mattermost" beats "browser"', async () => {
        await rig.render(page, {posts: [livePost], userSettings: true});
        const section = page.locator('#user-settings section', {hasText: 'Where meetings open'});
        await section.getByRole('radio', {name: 'In a new browser tab'}).check();
        await section.getByRole('button', {name: 'Save'}).click();
        const [tab] = await Promise.all([context.waitForEvent('page'), joinButton().click()]);
        await tab.waitForURL(/access_token=join-room-live-01-/);
        expect(await page.locator(WINDOW).count()).toBe(0);
        await tab.close();

        answersSay('browser');
        await section.getByRole('radio', {name: 'Inside Mattermost'}).check();
        await section.getByRole('button', {name: 'Save'}).click();
        const before = tabs();
        await joinButton().click();
        await page.locator(`${WINDOW} iframe`).waitFor();
        expect(tabs()).toBe(before);

        // Back to the admin's default: the last answer taught "browser", so this Join opens a tab,
        // and its answer teaches "mattermost" again for the next click.
        answersSay('mattermost');
        await section.getByRole('radio', {name: 'As set by your system admin'}).check();
        await section.getByRole('button', {name: 'Save'}).click();
        await leave().click();
        const [again] = await Promise.all([context.waitForEvent('page'), joinButton().click()]);
        await again.waitForURL(/access_token=join-room-live-01-/);
        await again.close();
        await joinButton().click();
        await page.locator(`${WINDOW} iframe`).waitFor();
    });

    it('where plugNmeet\'s proxy refuses framing, the window says so and its button opens the new tab', async () => {
        rig.answerProps = {...rig.answerProps, plugnmeet_frame_refused: true};
        await rig.render(page, {posts: [livePost]});
        await joinButton().click();
        const refused = page.locator(WINDOW).getByRole('status');
        await refused.waitFor();
        expect(await refused.textContent()).toContain('plugNmeet does not allow being shown inside Mattermost here.');
        expect(await page.locator('iframe').count()).toBe(0);
        const link = rig.commandCalls().at(-1)!.reply.goto_location as string;
        const [tab] = await Promise.all([context.waitForEvent('page'), refused.getByRole('button', {name: 'Open in a new tab'}).click()]);
        await tab.waitForURL(link);
        expect(await page.locator(WINDOW).count()).toBe(0);
        await tab.close();
    });

    it('the dark theme', async () => {
        if (!screenshots) {
            return;
        }
        await rig.render(page, {posts: [livePost], theme: onyx});
        await joinButton().click();
        const win = page.locator(WINDOW);
        await win.locator('iframe').waitFor();
        expect(JSON.parse(new URL((await win.locator('iframe').getAttribute('src'))!).searchParams.get('custom_design')!)).toMatchObject({background_color: '#191b1f', primary_color: '#4a7ce8'});
        await page.mouse.move(0, 0);
        if (writeImages) {
            await page.screenshot({path: join(imagesDir, 'meeting-window-dark.png'), animations: 'disabled'});
        }
        await page.getByTestId('plugnmeet-window-minimize').click();
        if (writeImages) {
            await win.screenshot({path: join(imagesDir, 'meeting-window-bar-dark.png'), animations: 'disabled'});
        }
    });

    it('logged no errors in the page', () => {
        expect(errors).toEqual([]);
    });
});

describe('calling with meetings inside Mattermost', () => {
    // What the calling tests' state holds: a DM, the user's profile, the "In a meeting" choice on.
    const dm = {id: 'dm1', type: 'D', name: `${ME_ID}__ualice`, display_name: '', team_id: '', delete_at: 0};
    const state = {
        entities: {
            teams: {currentTeamId: 'team1'},
            channels: {currentChannelId: 'chan1', channels: {dm1: dm}},
            posts: {posts: {}},
            users: {
                currentUserId: ME_ID,
                profiles: {[ME_ID]: {id: ME_ID, username: 'me', locale: 'en', props: {}, update_at: 1}, [BOT_USER_ID]: {id: BOT_USER_ID, username: 'plugnmeet', is_bot: true}},
                statuses: {[ME_ID]: 'online'},
            },
            preferences: {myPreferences: {'pp_plugnmeet--in_meeting_status': {user_id: ME_ID, category: 'pp_plugnmeet', name: 'in_meeting_status', value: 'on'}}},
        },
        views: {rhs: {selectedPostId: ''}},
    };

    it.each<HostName>(['mattermost-10', 'mattermost-11'])('%s: answering a call opens it inside, the ring stops and the status says "In a meeting"', async (host) => {
        answersSay('mattermost');
        rig.users.me.props = {};
        const {context, page, errors} = await rig.openHost(host, {openIn: remembered('mattermost')});
        try {
            const tabs = countTabs(context);
            await page.waitForFunction(() => (window as any).hostWebSocketOpen);
            await rig.render(page, {posts: []}, state);
            await page.mouse.click(5, 690);
            const card = cardPost('call-1', {
                plugnmeet_room_id: 'room-call-1', meeting_topic: 'Quick sync', meeting_status: 'live', meeting_creator_id: 'ualice',
                meeting_creator_username: 'alice', meeting_creator_display_name: 'Alice Liddell', meeting_started_at: NOW, meeting_participants: 1,
            }, {channel_id: 'dm1', create_at: NOW, update_at: NOW});
            rig.users.posted(card as any, dm);
            const dialog = page.getByRole('dialog', {name: 'Incoming call'});
            await dialog.waitFor();
            await dialog.getByRole('button', {name: 'Join'}).click();
            await page.locator(`${WINDOW} iframe`).waitFor();
            expect(await page.locator(`${WINDOW} iframe`).getAttribute('src')).toContain('access_token=join-room-call-1-');
            await dialog.waitFor({state: 'detached'});
            await page.locator('audio#plugnmeet-ringtone').waitFor({state: 'detached'});
            await until(() => rig.users.customStatus() !== null);
            expect(rig.users.customStatus()).toMatchObject({emoji: 'video_camera', text: 'In a meeting'});
            expect(tabs()).toBe(0);
            expect(errors).toEqual([]);
        } finally {
            await context.close();
        }
    });
});

describe('a browser that never learned the admin\'s default', () => {
    it('asks the sidecar once at start-up, quietly, and the first Join already opens inside', async () => {
        answersSay('mattermost');
        const {context, page, errors} = await rig.openHost('mattermost-11', {openIn: null});
        try {
            const tabs = countTabs(context);
            const from = rig.commandCalls().length;
            await rig.render(page, {posts: [livePost]});
            await until(() => rig.commandCalls().slice(from).some((c) => c.body.command === '/plugnmeet options --quiet'));
            await page.waitForFunction(() => window.localStorage.getItem('plugnmeet.open_in')?.includes('mattermost'));
            await page.locator('[data-post-id="post-live"]').getByRole('button', {name: 'Join meeting'}).click();
            await page.locator(`${WINDOW} iframe`).waitFor();
            expect(tabs()).toBe(0);
            expect(rig.commandCalls().slice(from).map((c) => c.body.command)).toEqual(['/plugnmeet options --quiet', '/plugnmeet join room-live-01']);
            expect(errors).toEqual([]);
        } finally {
            await context.close();
        }
    });
});

describe('the Desktop app host', () => {
    const desktop = (page: Page) => page.evaluate(() => (window as any).hostDesktop as {openedExternally: string[]; blankPopups: number});

    it('with open_in mattermost but no MEETINGS_DESKTOP_EMBED, Join still opens the system browser', async () => {
        answersSay('mattermost', false);
        const {context, page, errors} = await rig.openHost('desktop', {openIn: remembered('mattermost', false)});
        try {
            await rig.render(page, {posts: [livePost]});
            await page.locator('[data-post-id="post-live"]').getByRole('button', {name: 'Join meeting'}).click();
            await page.waitForFunction(() => (window as any).hostDesktop.openedExternally.length > 0);
            const state = await desktop(page);
            expect(state.openedExternally).toEqual([rig.commandCalls().at(-1)!.reply.goto_location]);
            expect(state.blankPopups).toBe(0);
            expect(await page.locator(WINDOW).count()).toBe(0);
            expect(errors).toEqual([]);
        } finally {
            await context.close();
        }
    });

    it('with MEETINGS_DESKTOP_EMBED=true, Join opens the window inside and nothing outside', async () => {
        answersSay('mattermost', true);
        const {context, page, errors} = await rig.openHost('desktop', {openIn: remembered('mattermost', true)});
        try {
            await rig.render(page, {posts: [livePost]});
            await page.locator('[data-post-id="post-live"]').getByRole('button', {name: 'Join meeting'}).click();
            await page.locator(`${WINDOW} iframe`).waitFor();
            const state = await desktop(page);
            expect(state.openedExternally).toEqual([]);
            expect(state.blankPopups).toBe(0);
            expect(errors).toEqual([]);
        } finally {
            await context.close();
        }
    });
});

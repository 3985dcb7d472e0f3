// End to end in a real browser: Debian's Chromium loads the built main.js into host pages that
// provide what Mattermost 9.11-10.x (React 17, react-redux 7) and Mattermost 11 (React 18.2,
// react-redux 9.2) provide, against a fake Mattermost API (harness.ts) that records every request.
import {mkdirSync, readFileSync} from 'fs';
import {join} from 'path';

import type {BrowserContext, Page} from 'playwright-core';

import {
    CALL_BUTTON, CALL_MORE, CSRF, NOW, READ_ONLY_CHANNEL, cardPost, chooseFromCallMenu, createRig, endedPost, livePost, minutes, recordingPost, rootDir, stalePost, until,
} from './harness';
import type {HostName} from './harness';

const docsDir = join(rootDir, 'docs');

const manifest = JSON.parse(readFileSync(join(rootDir, 'plugin.json'), 'utf8'));

// Chromium start-up and the host bundle builds take a few seconds on a loaded machine.
jest.setTimeout(120_000);

const onyx = {
    centerChannelBg: '#191b1f', centerChannelColor: '#e3e4e8', buttonBg: '#4a7ce8', buttonColor: '#ffffff',
    onlineIndicator: '#3db887', awayIndicator: '#f5ab00', dndIndicator: '#d24b4e', errorTextColor: '#da6c6e', linkColor: '#5d89ea',
};

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

describe.each<[HostName, string]>([
    ['mattermost-10', '17.0.2'],
    ['mattermost-11', '18.2.0'],
])('plugin in the %s host', (host, reactVersion) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    let firstRequest = 0;
    const render = (...args: Parameters<typeof rig.render> extends [unknown, ...infer R] ? R : never) => rig.render(page, ...args);
    const screenshots = host === 'mattermost-11';

    async function clickAndGetPopup(selector: string): Promise<Page> {
        const [popup] = await Promise.all([context.waitForEvent('page'), page.click(selector)]);
        return popup;
    }

    beforeAll(async () => {
        firstRequest = rig.recorded.length;
        ({context, page, errors} = await rig.openHost(host));
        if (screenshots) {
            mkdirSync(docsDir, {recursive: true});
        }
    });

    afterAll(() => context?.close());

    afterEach(async () => {
        for (const other of context.pages()) {
            if (other !== page) {
                await other.close();
            }
        }
    });

    it(`runs on React ${reactVersion} and registers itself like a Mattermost plugin`, async () => {
        expect(await page.evaluate(() => (window as any).hostReactVersion)).toBe(reactVersion);
        const registered = await page.evaluate(() => {
            const r = (window as any).hostRegistered();
            return {
                pluginId: r.pluginId,
                callButtons: r.callButtons.length,
                header: r.header.length,
                appBarIcon: r.appBar[0]?.iconUrl,
                slashHooks: r.slashHooks.length,
                postTypes: Object.keys(r.postTypes).sort(),
                roots: r.roots.length,
                germanJoin: r.getTranslations('de')['plugnmeet.card.join'],
            };
        });
        expect(registered).toEqual({
            pluginId: manifest.id,
            callButtons: 1,
            header: 0,
            appBarIcon: expect.stringMatching(/^data:image\/svg\+xml/),
            slashHooks: 1,
            postTypes: ['custom_plugnmeet', 'custom_plugnmeet_recap', 'custom_plugnmeet_recording'],

            // The notices, the options dialog and the incoming call (calls.test.ts).
            roots: 4, // notices, options dialog, meeting window, incoming call
            germanJoin: 'Beitreten',
        });
        await render({posts: []});
        const width = await page.$eval('#app-bar-icon-0', (img) => (img as HTMLImageElement).naturalWidth);
        expect(width).toBeGreaterThan(0);

        // One App Bar icon (the live panel's), and one call-button entry: Mattermost shows its
        // button, not a menu; the camera and its arrow are the plugin's.
        expect(await page.locator('.app-bar img').count()).toBe(1);
        expect(await page.locator('#call-menu').count()).toBe(0);
        expect(await page.locator(CALL_BUTTON).innerText()).toBe('Meet');
        expect(await page.locator(CALL_MORE).getAttribute('aria-expanded')).toBe('false');
    });

    it.each([
        ['light', undefined, 'rgb(63, 67, 80)', 'rgb(28, 88, 217)'],
        ['dark', onyx, 'rgb(227, 228, 232)', 'rgb(74, 124, 232)'],
    ])('renders a live meeting in the %s theme', async (name, theme, textColor, buttonColor) => {
        await render({posts: [livePost], ...(theme ? {theme} : {})});
        const card = page.locator('[data-post-id="post-live"] [data-testid="plugnmeet-meeting-card"]');
        await card.waitFor();
        const text = await card.innerText();
        expect(text).toContain('Sprint 42 review');
        expect(text).toMatch(/live/i);
        expect(text).toContain('3 participants');
        expect(text).toContain('Started by @alice · 10:32 AM');
        expect(text).not.toContain('Join from the mobile app');
        const joinButton = card.getByRole('button', {name: 'Join meeting'});
        expect(await joinButton.isEnabled()).toBe(true);
        expect(await card.evaluate((el) => getComputedStyle(el).color)).toBe(textColor);
        expect(await joinButton.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(buttonColor);
        if (screenshots) {
            await page.locator('#posts').screenshot({path: join(docsDir, `card-live-${name}.png`), animations: 'disabled'});
        }
    });

    it.each([
        ['light', undefined],
        ['dark', onyx],
    ])('renders an ended meeting in the %s theme, offering a new meeting', async (name, theme) => {
        await render({posts: [endedPost, recordingPost], ...(theme ? {theme} : {})});
        const card = page.locator('[data-post-id="post-ended"] [data-testid="plugnmeet-meeting-card"]');
        await card.waitFor();
        const text = await card.innerText();
        expect(text).toContain('Incident retro');
        expect(text).toMatch(/ended/i);
        expect(text).toContain('Lasted 47 min');
        expect(text).toContain('Peak: 6 participants');
        expect(text).not.toContain('This meeting has ended.'); // "Ended" once, in the chip
        expect(await card.getByRole('button', {name: 'Join meeting'}).count()).toBe(0);
        expect(await card.getByRole('button', {name: 'Start a new meeting'}).isEnabled()).toBe(true);
        expect(await card.evaluate((el) => getComputedStyle(el).color)).toBe(name === 'dark' ? 'rgb(227, 228, 232)' : 'rgb(63, 67, 80)');
        const recording = await page.locator('[data-testid="plugnmeet-recording-card"]').innerText();
        expect(recording).toMatch(/^Recording: Incident retro\s+8:55 AM · Lasted 47 min · 245\.3 MB\s+Recording ID: REC_7\s+Download$/);
        if (screenshots) {
            await page.locator('#posts').screenshot({path: join(docsDir, `card-ended-${name}.png`), animations: 'disabled'});
        }
    });

    it('joins: one click opens the personal link the server returned (with its text), and sends the right command', async () => {
        await render({posts: [livePost]});
        const before = rig.commandCalls().length;
        const popup = await clickAndGetPopup('[data-post-id="post-live"] button');
        await popup.waitForURL(/access_token=join-room-live-01-/);

        const calls = rig.commandCalls().slice(before);
        expect(calls).toHaveLength(1);
        expect(calls[0].reply.text).not.toBe('');
        expect(calls[0].body).toEqual({command: '/plugnmeet join room-live-01', channel_id: 'chan1', team_id: 'team1', root_id: 'post-live'});
        expect(calls[0].headers['x-requested-with']).toBe('XMLHttpRequest');
        expect(calls[0].headers['x-csrf-token']).toBe(CSRF);
        expect(calls[0].headers.cookie).toContain('MMAUTHTOKEN=session-1');
        expect(popup.url()).toBe(calls[0].reply.goto_location);
        expect(await popup.evaluate(() => window.opener)).toBeNull();
    });

    it('starts from the call button in the current channel, in one click', async () => {
        await render({posts: [livePost]});
        const before = rig.commandCalls().length;
        const popup = await clickAndGetPopup(CALL_BUTTON);
        await popup.waitForURL(/access_token=start-/);
        const calls = rig.commandCalls().slice(before);
        expect(calls.map((c) => c.body)).toEqual([{command: '/plugnmeet start', channel_id: 'chan1', team_id: 'team1', root_id: ''}]);
        expect(popup.url()).toBe(calls[0].reply.goto_location);
    });

    it('keeps options and scheduling behind the call button\'s arrow: the arrow alone starts nothing', async () => {
        await render({posts: []});
        const before = rig.commandCalls().length;
        await page.click(CALL_MORE);
        const menu = page.locator('#call-button [role="menu"]');
        expect(await menu.getByRole('menuitem').allInnerTexts()).toEqual(['Start with options…', 'Schedule a meeting…']);
        expect(await page.locator(CALL_MORE).getAttribute('aria-expanded')).toBe('true');
        if (screenshots) {
            const button = (await page.locator('#call-button').boundingBox())!;
            const open = (await menu.boundingBox())!;
            const left = Math.max(0, Math.min(button.x, open.x) - 24);
            const right = Math.max(button.x + button.width, open.x + open.width) + 24;
            await page.mouse.move(0, 0);
            await page.screenshot({path: join(docsDir, 'images', 'call-button.png'), clip: {x: left, y: 0, width: right - left, height: open.y + open.height + 16}});
        }

        // Escape and a second click on the arrow close it; still nothing was sent.
        await page.keyboard.press('Escape');
        await menu.waitFor({state: 'detached'});
        await page.click(CALL_MORE);
        await page.click(CALL_MORE);
        await menu.waitFor({state: 'detached'});
        await page.evaluate(() => fetch('/ping'));
        expect(rig.commandCalls().length).toBe(before);
        expect(context.pages()).toEqual([page]);

        // Schedule opens the dialog in Schedule mode, for this channel, and starts nothing.
        await chooseFromCallMenu(page, 'schedule');
        const dialog = page.getByRole('dialog');
        await dialog.getByRole('radio', {name: 'Schedule'}).waitFor();
        expect(await dialog.getByRole('radio', {name: 'Schedule'}).isChecked()).toBe(true);
        await dialog.getByRole('button', {name: 'Cancel'}).click();
        await dialog.waitFor({state: 'detached'});
        expect(rig.commandCalls().slice(before).map((c) => c.body.command)).toEqual(['/plugnmeet options --quiet']);
        expect(context.pages()).toEqual([page]);
    });

    it('starts from the call menu it shares with other call providers, in a DM; its icons open options and scheduling', async () => {
        const dm = {id: 'dm1', team_id: '', type: 'D', name: 'me__bob'};
        await render({posts: [], otherCallProviders: true, channel: dm});
        expect(await page.locator('#call-menu li').count()).toBe(2);
        const before = rig.commandCalls().length;
        const popup = await clickAndGetPopup('#call-menu [data-testid="plugnmeet-call-dropdown-item"]');
        await popup.waitForURL(/access_token=start-/);
        expect(rig.commandCalls().slice(before).map((c) => c.body)).toEqual([{command: '/plugnmeet start', channel_id: 'dm1', team_id: 'team1', root_id: ''}]);

        for (const [entry, mode] of [['options', 'Start now'], ['schedule', 'Schedule']]) {
            await page.click(`#call-menu [data-testid="plugnmeet-call-${entry}-item"]`);
            const dialog = page.getByRole('dialog');
            await dialog.getByRole('radio', {name: mode}).waitFor();
            expect(await dialog.getByRole('radio', {name: mode}).isChecked()).toBe(true);
            await dialog.getByRole('button', {name: 'Cancel'}).click();
            await dialog.waitFor({state: 'detached'});
        }
        expect(rig.commandCalls().slice(before + 1).map((c) => c.body)).toEqual([
            {command: '/plugnmeet options --quiet', channel_id: 'dm1', team_id: 'team1', root_id: ''},
            {command: '/plugnmeet options --quiet', channel_id: 'dm1', team_id: 'team1', root_id: ''},
        ]);
        expect(context.pages().length).toBe(2);
    });

    it('starts from the options dialog in the thread open in the right-hand sidebar', async () => {
        await render({posts: [endedPost]}, {
            entities: {teams: {currentTeamId: 'team1'}, channels: {currentChannelId: 'chan1'}, posts: {posts: {'post-ended': endedPost}}},
            views: {rhs: {selectedPostId: 'post-ended'}},
        });
        const before = rig.commandCalls().length;
        await chooseFromCallMenu(page, 'options');
        const start = page.getByRole('dialog').getByRole('button', {name: 'Start meeting'});
        const popup = await Promise.all([context.waitForEvent('page'), start.click()]).then(([p]) => p);
        await popup.waitForURL(/access_token=start-/);
        expect(rig.commandCalls().slice(before).map((c) => c.body)).toEqual([
            {command: '/plugnmeet options --quiet', channel_id: 'chan1', team_id: 'team1', root_id: 'post-ended'},
            {command: '/plugnmeet start --root post-ended --', channel_id: 'chan1', team_id: 'team1', root_id: 'post-ended'},
        ]);
    });

    it('starts from a typed /plugnmeet in a thread: the window opens within the keypress and the original is swallowed', async () => {
        const root = 'abcdefghijklmnopqrstuvwxyz';
        await render({posts: [], typingRootId: root});
        const before = rig.commandCalls().length;
        await page.fill('#post_textbox', '/plugnmeet start Weekly sync');
        const [popup] = await Promise.all([context.waitForEvent('page'), page.press('#post_textbox', 'Enter')]);
        await popup.waitForURL(/access_token=start-/);
        expect(rig.commandCalls().slice(before).map((c) => c.body)).toEqual([
            {command: `/plugnmeet start --root ${root} Weekly sync`, channel_id: 'chan1', team_id: 'team1', root_id: root},
        ]);
        expect(await page.evaluate(() => (window as any).hostSwallowedCommands)).toContain('/plugnmeet start Weekly sync');
    });

    it.each([
        ['/plugnmeet Sprint review', '/plugnmeet start Sprint review'],
        ['/plugnmeet --waiting-room --duration 30 Sprint review', '/plugnmeet start --waiting-room --duration 30 Sprint review'],
        ['/plugnmeet start -- -w Test', '/plugnmeet start -- -w Test'],
    ])('starts from a typed %p within the keypress', async (typed, command) => {
        await render({posts: []});
        const before = rig.commandCalls().length;
        await page.fill('#post_textbox', typed);
        const [popup] = await Promise.all([context.waitForEvent('page'), page.press('#post_textbox', 'Enter')]);
        await popup.waitForURL(/access_token=start-/);
        expect(rig.commandCalls().slice(before).map((c) => c.body.command)).toEqual([command]);
        expect(await page.evaluate(() => (window as any).hostSwallowedCommands)).toContain(typed);
    });

    it('sends a typo or a mistyped flag on to the sidecar as typed, which answers "did you mean" and opens nothing', async () => {
        await render({posts: []});
        const before = rig.commandCalls().length;
        const typos = ['/plugnmeet lsit', '/plugnmeet stop', '/plugnmeet -w Test'];
        for (const typo of typos) {
            rig.replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'Did you mean `/plugnmeet list`?'}}));
            await page.fill('#post_textbox', typo);
            await page.press('#post_textbox', 'Enter');
        }
        await until(() => rig.commandCalls().length === before + typos.length);
        expect(rig.commandCalls().slice(before).map((c) => c.body.command)).toEqual(typos);
        expect(await page.evaluate(() => (window as any).hostSwallowedCommands)).not.toContain('/plugnmeet lsit');
        expect(context.pages()).toEqual([page]);
    });

    it('joins from a typed /plugnmeet join, and lets other subcommands through to Mattermost', async () => {
        await render({posts: []});
        const before = rig.commandCalls().length;
        await page.fill('#post_textbox', '/plugnmeet join');
        const [popup] = await Promise.all([context.waitForEvent('page'), page.press('#post_textbox', 'Enter')]);
        await popup.waitForURL(/access_token=join-/);
        rig.replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'Usage: ...'}}));
        await page.fill('#post_textbox', '/plugnmeet help');
        await page.press('#post_textbox', 'Enter');
        await until(() => rig.commandCalls().length === before + 2);
        expect(rig.commandCalls().slice(before).map((c) => c.body.command)).toEqual(['/plugnmeet join', '/plugnmeet help']);
    });

    it('starts a new meeting from an ended card, in its channel and thread', async () => {
        const reply = cardPost('post-ended-reply', {...endedPost.props}, {root_id: 'thread-root-1'});
        await render({posts: [reply]});
        const before = rig.commandCalls().length;
        const popup = await clickAndGetPopup('[data-post-id="post-ended-reply"] button');
        await popup.waitForURL(/access_token=start-/);
        expect(rig.commandCalls().slice(before).map((c) => c.body)).toEqual([
            {command: '/plugnmeet start --root thread-root-1 Incident retro', channel_id: 'chan1', team_id: 'team1', root_id: 'thread-root-1'},
        ]);

        // A card at channel level starts the new meeting at channel level, where people see it.
        await render({posts: [endedPost]});
        const atChannel = rig.commandCalls().length;
        const second = await clickAndGetPopup('[data-post-id="post-ended"] button');
        await second.waitForURL(/access_token=start-/);
        expect(rig.commandCalls().slice(atChannel).map((c) => c.body)).toEqual([
            {command: '/plugnmeet start Incident retro', channel_id: 'chan1', team_id: 'team1', root_id: ''},
        ]);
    });

    it('in a read-only channel, joins through the card\'s own button action and says where the link went', async () => {
        const readOnlyCard = cardPost('post-ro', {...livePost.props}, {channel_id: READ_ONLY_CHANNEL});
        await render({posts: [readOnlyCard], channel: {id: READ_ONLY_CHANNEL, team_id: 'team1', type: 'O', name: 'announcements'}});
        const beforeActions = rig.actionCalls().length;
        const card = page.locator('[data-post-id="post-ro"]');
        await card.getByRole('button', {name: 'Join meeting'}).click();
        await card.getByText('your personal link was posted here as a message only you can see').waitFor();
        const calls = rig.commandCalls().filter((c) => c.body.channel_id === READ_ONLY_CHANNEL);
        expect(calls.at(-1)?.reply.id).toBe('api.context.permissions.app_error');
        expect(rig.actionCalls().slice(beforeActions).map((c) => c.path)).toEqual(['/api/v4/posts/post-ro/actions/join']);

        // The placeholder window was closed again.
        await until(() => context.pages().every((p) => p === page || p.isClosed()));
    });

    it('in a read-only channel, downloads a recording through its own Download action', async () => {
        const readOnlyRecording = {...recordingPost, id: 'rec-ro', channel_id: READ_ONLY_CHANNEL};
        await render({posts: [readOnlyRecording], channel: {id: READ_ONLY_CHANNEL, team_id: 'team1', type: 'O', name: 'announcements'}});
        const beforeActions = rig.actionCalls().length;
        await page.locator('[data-post-id="rec-ro"] button').click();
        await page.locator('[data-post-id="rec-ro"]').getByText('only you can see').waitFor();
        expect(rig.actionCalls().slice(beforeActions).map((c) => c.path)).toEqual(['/api/v4/posts/rec-ro/actions/download']);
    });

    it('shows a card written by anyone but the bot as plain text, and never calls its actions', async () => {
        const forged = cardPost('post-forged', {...stalePost.props}, {user_id: 'mallory', message: 'Click join, totally legit', update_at: NOW - minutes(30)});
        const beforeActions = rig.actionCalls().length;
        await render({posts: [forged, livePost]});
        await page.locator('[data-post-id="post-live"] [data-testid="plugnmeet-meeting-card"]').waitFor();
        const post = page.locator('[data-post-id="post-forged"]');
        expect(await post.innerText()).toContain('Click join, totally legit');
        expect(await post.locator('[data-testid="plugnmeet-meeting-card"]').count()).toBe(0);
        expect(await post.getByRole('button').count()).toBe(0);
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)).then(() => fetch('/ping')));
        expect(rig.actionCalls().slice(beforeActions)).toEqual([]);
    });

    it('looks the bot up once, by username', () => {
        const lookups = rig.recorded.slice(firstRequest).filter((r) => r.path.startsWith('/api/v4/users/'));
        expect(lookups.map((l) => l.path)).toEqual(['/api/v4/users/username/plugnmeet']);
        expect(lookups[0].headers['x-requested-with']).toBe('XMLHttpRequest');
    });

    it.each([
        [404, {id: 'api.command.execute_command.not_found.app_error', message: "Command with a trigger of 'plugnmeet' not found.", status_code: 404}, 'Ask your system admin to set up /plugnmeet in this team.'],
        [500, {id: 'api.command.execute_command.failed.app_error', message: "Command with a trigger of 'plugnmeet' failed.", status_code: 500}, 'The plugNmeet service did not answer.'],
    ])('shows a clear notice when Mattermost answers %i, and closes the pre-opened window', async (status, body, expected) => {
        await render({posts: [livePost]});
        rig.replies.push(() => ({status, body}));
        const popup = await clickAndGetPopup(CALL_BUTTON);
        if (!popup.isClosed()) {
            await popup.waitForEvent('close');
        }
        const notice = page.getByRole('alert');
        await notice.waitFor();
        expect(await notice.innerText()).toContain('Could not start the meeting');
        expect(await notice.innerText()).toContain(expected);
        if (status === 404 && screenshots) {
            const box = (await page.locator('.plugnmeet-notices').boundingBox())!;
            await page.screenshot({path: join(docsDir, 'notice-not-set-up.png'), clip: {x: box.x - 16, y: box.y - 16, width: box.width + 32, height: box.height + 32}});
        }
        await page.getByRole('button', {name: 'Dismiss'}).click();
        await notice.waitFor({state: 'detached'});
    });

    it('does not repeat a text answer that Mattermost already shows as an ephemeral post', async () => {
        await render({posts: [livePost]});
        rig.replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'A meeting is already live in this channel. Use the Join button on its card.', props: {}}}));
        const popup = await clickAndGetPopup(CALL_BUTTON);
        if (!popup.isClosed()) {
            await popup.waitForEvent('close');
        }
        await page.evaluate(() => fetch('/ping'));
        expect(await page.locator('.plugnmeet-notices').count()).toBe(0);
    });

    it('downloads a recording through /plugnmeet recordings', async () => {
        await render({posts: [endedPost, recordingPost]});
        const before = rig.commandCalls().length;
        const popup = await clickAndGetPopup('[data-testid="plugnmeet-recording-card"] button');
        await popup.waitForURL(/\/download\/recording\/REC_7-/);
        const calls = rig.commandCalls().slice(before);
        expect(calls.map((c) => c.body)).toEqual([{command: '/plugnmeet recordings REC_7 --quiet', channel_id: 'chan1', team_id: 'team1', root_id: 'post-ended'}]);
        expect(popup.url()).toBe(calls[0].reply.goto_location);
    });

    it('refreshes a stale live card once through its refresh button action, never a fresh or an ended one', async () => {
        await render({posts: []});
        const before = rig.actionCalls().length;
        const oldEnded = {...endedPost, id: 'post-ended-old', update_at: NOW - minutes(60)};
        await render({posts: [livePost, stalePost, oldEnded]});
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="plugnmeet-meeting-card"]').length === 3);
        await until(() => rig.actionCalls().length > before);

        const [call] = rig.actionCalls().slice(before);
        expect(call.path).toBe('/api/v4/posts/post-stale/actions/refresh');
        expect(call.body).toEqual({selected_option: '', cookie: ''});
        expect(call.headers['x-csrf-token']).toBe(CSRF);

        const updated = {...stalePost, props: {...stalePost.props, meeting_participants: 4}};
        await render({posts: [livePost, updated]});
        await page.getByText('4 participants').waitFor();
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)).then(() => fetch('/ping')));
        expect(rig.actionCalls().slice(before).map((c) => c.path)).toEqual(['/api/v4/posts/post-stale/actions/refresh']);

        await render({posts: []});
        await render({posts: [stalePost]});
        await page.getByText('Design sync').waitFor();
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)).then(() => fetch('/ping')));
        expect(rig.actionCalls().slice(before).map((c) => c.path)).toEqual(['/api/v4/posts/post-stale/actions/refresh']);
    });

    it('fits the right-hand sidebar and compact mode', async () => {
        await render({posts: [livePost], compact: true, rhs: true, width: 360});
        const card = page.locator('[data-testid="plugnmeet-meeting-card"]');
        await card.waitFor();
        const box = await card.boundingBox();
        const main = await page.locator('#posts').boundingBox();
        expect(box!.width).toBeLessThanOrEqual(main!.width);
        expect(box!.width).toBeGreaterThan(300);
        expect(await card.getByRole('button', {name: 'Join meeting'}).isVisible()).toBe(true);
        const buttonHeight = await card.getByRole('button').evaluate((el) => el.getBoundingClientRect().height);
        expect(buttonHeight).toBe(28);
    });

    it('speaks the user\'s language through the registered translations', async () => {
        await render({posts: [livePost, endedPost], locale: 'de'});
        await page.getByRole('button', {name: 'Beitreten'}).first().waitFor();
        expect(await page.locator('#posts').innerText()).toContain('Neue Besprechung starten');
    });

    it('logged no errors in the page', () => {
        expect(errors).toEqual([]);
    });

    it('keeps the post list when a card fails to render, with the plain message and a working Join', async () => {
        await render({posts: [endedPost, livePost], brokenThemeFor: 'post-live'});
        const broken = page.locator('[data-post-id="post-live"]');
        await broken.getByTestId('plugnmeet-plain-post').waitFor();
        expect(await broken.innerText()).toContain('plugNmeet meeting');
        expect(await page.locator('[data-post-id="post-ended"] [data-testid="plugnmeet-meeting-card"]').count()).toBe(1);
        const before = rig.commandCalls().length;
        const [popup] = await Promise.all([context.waitForEvent('page'), broken.getByRole('button', {name: 'Join meeting'}).click()]);
        await popup.waitForURL(/access_token=join-room-live-01-/);
        expect(rig.commandCalls().slice(before).map((c) => c.body.command)).toEqual(['/plugnmeet join room-live-01']);

        // Only the render error this test provoked on purpose reached the console.
        expect(errors.filter((e) => !e.includes('host: broken theme') && !e.includes('PluginBoundary') && !e.includes('React will try to recreate'))).toEqual([]);
    });

    it('takes everything back on uninitialize: components, stylesheet, timers, notices', async () => {
        await render({posts: [stalePost]});
        await render({posts: [{...stalePost, id: 'post-stale-2', update_at: NOW}]});
        await page.locator('[data-testid="plugnmeet-meeting-card"]').waitFor();
        expect(await page.evaluate(() => (window as any).hostPendingPluginTimers())).toBeGreaterThan(0);
        expect(await page.locator('#plugnmeet-styles').count()).toBe(1);

        await page.evaluate((id) => (window as any).hostRemovePlugin(id), manifest.id);
        expect(await page.locator('#plugnmeet-styles').count()).toBe(0);
        expect(await page.evaluate(() => (window as any).hostPendingPluginTimers())).toBe(0);
        expect(await page.locator('[data-testid="plugnmeet-meeting-card"]').count()).toBe(0);
    });
});

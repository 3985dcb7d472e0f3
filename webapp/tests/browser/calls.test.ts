// Calling people (issue 13) in a real browser, in the React 17 (Mattermost 10) and React 18
// (Mattermost 11) hosts: ringing for calls in DMs and GMs over the websocket (fake_users.ts sends
// what the server sends, host/host_calls.js handles it as the webapp does), the opt-in "In a
// meeting" status, the live-meetings panel with its sidebar badge, a post's "Start a meeting in this
// thread" and the channel intro's button; and, in the Desktop app host, that Join from the notice and
// the panel reaches the system browser. The ring is checked through its <audio> element's media
// events. Headless Chromium plays audio without a user gesture already; each test still clicks the
// page first, as a Mattermost tab someone works in has been clicked (Chrome's autoplay policy then
// allows sound, and Mattermost's own ring for calls relies on that: utils/notification_sounds.tsx),
// and one test makes the browser refuse, to show the call is still shown. `SCREENSHOTS=1` also
// writes docs/images/incoming-call.png, live-panel.png and user-settings.png.
import {mkdirSync, readFileSync} from 'fs';
import {join} from 'path';

import type {BrowserContext, Page} from 'playwright-core';

import {ME_ID} from './fake_users';
import {BOT_USER_ID, NOW, cardPost, createRig, minutes, rootDir, until} from './harness';
import type {HostName} from './harness';

jest.setTimeout(120_000);

const manifest = JSON.parse(readFileSync(join(rootDir, 'plugin.json'), 'utf8'));
const imagesDir = join(rootDir, 'docs', 'images');
const screenshots = process.env.SCREENSHOTS === '1';

const CHANNELS = {
    chan1: {id: 'chan1', type: 'O', name: 'town-square', display_name: 'Town Square', team_id: 'team1', delete_at: 0},
    chan2: {id: 'chan2', type: 'O', name: 'design', display_name: 'Design', team_id: 'team1', delete_at: 0},
    dm1: {id: 'dm1', type: 'D', name: `${ME_ID}__ualice`, display_name: '', team_id: '', delete_at: 0},
    gm1: {id: 'gm1', type: 'G', name: 'gm-abc', display_name: 'alice, bob, me', team_id: '', delete_at: 0},
    gm2: {id: 'gm2', type: 'G', name: 'gm-def', display_name: 'bob, carol, me', team_id: '', delete_at: 0},
};
type ChannelId = keyof typeof CHANNELS;

function state({status = 'online', channelId = 'chan1' as string, preferences = {} as Record<string, unknown>, posts = {} as Record<string, unknown>, locale = 'en'} = {}) {
    return {
        entities: {
            teams: {currentTeamId: 'team1'},
            channels: {currentChannelId: channelId, channels: CHANNELS},
            posts: {posts},
            users: {
                currentUserId: ME_ID,
                profiles: {
                    [ME_ID]: {id: ME_ID, username: 'me', locale, props: {}, update_at: 1},
                    [BOT_USER_ID]: {id: BOT_USER_ID, username: 'plugnmeet', is_bot: true},
                },
                statuses: {[ME_ID]: status},
            },
            preferences: {myPreferences: preferences},
        },
        views: {rhs: {selectedPostId: ''}},
    };
}

const STATUS_PREFERENCE = {'pp_plugnmeet--in_meeting_status': {user_id: ME_ID, category: 'pp_plugnmeet', name: 'in_meeting_status', value: 'on'}};

let cardCount = 0;

/** A live card as the sidecar posts it (contracts/src/index.ts), in `channel`. */
function callCard(channel: ChannelId, props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
    cardCount++;
    return cardPost(`callcard${cardCount}`, {
        plugnmeet_room_id: `room-call-${cardCount}`, meeting_topic: 'Quick sync', meeting_status: 'live',
        meeting_creator_id: 'ualice', meeting_creator_username: 'alice', meeting_creator_display_name: 'Alice Liddell',
        meeting_started_at: NOW, meeting_participants: 1, ...props,
    }, {channel_id: channel, create_at: NOW, update_at: NOW, ...extra}) as ReturnType<typeof cardPost> & {props: Record<string, any>};
}

/** The bot's reply in the card's thread when a call ends (MeetingEndedProps). */
function endedReply(card: {id: string; channel_id: string; props: Record<string, unknown>}): {id: string; channel_id: string; props: Record<string, unknown>} & Record<string, unknown> {
    return {
        id: `ended-${card.id}`, channel_id: card.channel_id, root_id: card.id, user_id: BOT_USER_ID, type: '',
        message: 'The call has ended.', create_at: NOW, update_at: NOW, edit_at: 0, delete_at: 0,
        props: {plugnmeet_room_id: card.props.plugnmeet_room_id, meeting_status: 'ended'},
    };
}

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

describe.each<HostName>(['mattermost-10', 'mattermost-11'])('calling in the %s host', (host) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    const dialog = (p: Page = page) => p.getByRole('dialog', {name: 'Incoming call'});
    const post = (card: {channel_id: string}) => rig.users.posted(card as any, CHANNELS[card.channel_id as ChannelId]);
    const media = (p: Page = page): Promise<string[]> => p.evaluate(() => (window as any).hostMediaEvents.map((e: {type: string}) => e.type));
    const ringElements = (p: Page = page) => p.locator('audio#plugnmeet-ringtone').count();

    // Once its `pause` has fired, the ring's element leaves the document.
    const ringGone = (p: Page = page) => p.locator('audio#plugnmeet-ringtone').waitFor({state: 'detached'});
    const wsEvents = (p: Page = page): Promise<number> => p.evaluate(() => (window as any).hostWebSocketEvents.length);
    const commands = (from: number) => rig.commandCalls().slice(from).map((c) => c.body);

    async function open(p: Page, scene: Parameters<typeof rig.render>[1], st = state()) {
        await p.waitForFunction(() => (window as any).hostWebSocketOpen);
        await rig.render(p, scene, st);
        await p.evaluate(() => {
            (window as any).hostMediaEvents.length = 0;
        });

        // The tab has been used (sticky user activation), as any Mattermost tab someone works in.
        await p.mouse.click(5, 690);
    }

    beforeAll(async () => {
        ({context, page, errors} = await rig.openHost(host, {installClock: true}));
        if (screenshots) {
            mkdirSync(imagesDir, {recursive: true});
        }
    });
    afterAll(() => context?.close());
    beforeEach(() => {
        // The server side starts each test with no custom status.
        rig.users.me.props = {};
    });
    afterEach(async () => {
        for (const other of context.pages()) {
            if (other !== page) {
                await other.close();
            }
        }
        rig.liveSheet = {meetings: [], recordings: []};
    });

    it('registers the calling entries where Mattermost offers them', async () => {
        const registered = await page.evaluate(() => {
            const r = (window as any).hostRegistered();
            return {
                appBar: r.appBar.length,
                rhs: r.rhs.length,
                headerMenu: r.headerMenu.length,
                postMenu: r.postMenu.length,
                introButtons: r.introButtons.length,
                sidebarLabels: r.sidebarLabels.length,
                settings: r.userSettings && {uiName: r.userSettings.uiName, sections: r.userSettings.sections.map((s: any) => [s.title, s.settings.map((x: any) => [x.name, x.default, x.options.map((o: any) => o.value)])])},

                // The 9.3 shape: settings at the top level, each with a title.
                legacy: r.userSettingsRaw.settings.map((x: any) => [x.name, x.title, x.type]),
                legacyId: r.userSettingsRaw.id,
            };
        });
        expect(registered).toEqual({
            appBar: 1,
            rhs: 1,
            headerMenu: 1,
            postMenu: 2, // "Start a meeting in this thread", and a live card's "Copy guest link" (guests.test.ts)
            introButtons: 1,
            sidebarLabels: 1,
            settings: {uiName: 'plugNmeet', sections: [
                ['"In a meeting" status', [['in_meeting_status', 'off', ['on', 'off']]]],
                ['Where meetings open', [['open_in', 'default', ['default', 'mattermost', 'browser']]]],
            ]},
            legacy: [['in_meeting_status', '"In a meeting" status', 'radio'], ['open_in', 'Where meetings open', 'radio']],
            legacyId: manifest.id,
        });
    });

    it('rings for a call in a DM: who calls, the topic, the ring tone; Decline stops it and tells the sidecar', async () => {
        await open(page, {posts: []});
        const card = callCard('dm1');
        post(card);
        await dialog().waitFor();
        expect(await dialog().innerText()).toMatch(/^Incoming call\s+Alice Liddell is calling you\s+Quick sync\s+Decline\s+Join$/i);
        await page.waitForFunction(() => (window as any).hostMediaEvents.some((e: {type: string}) => e.type === 'playing'));
        const playing = await page.evaluate(() => (window as any).hostMediaEvents.find((e: {type: string}) => e.type === 'playing'));
        expect(playing).toEqual({type: 'playing', id: 'plugnmeet-ringtone', src: 'data:audio/wav;base64,', inDocument: true});

        // It rings again after the first ring has played out.
        await page.waitForFunction(() => (window as any).hostMediaEvents.filter((e: {type: string}) => e.type === 'play').length >= 2);
        expect((await media()).slice(0, 5)).toEqual(['play', 'playing', 'pause', 'ended', 'play']);

        if (screenshots && host === 'mattermost-11') {
            await page.mouse.move(0, 0);
            const box = (await dialog().boundingBox())!;
            await page.screenshot({path: join(imagesDir, 'incoming-call.png'), clip: {x: box.x - 24, y: box.y - 16, width: box.width + 48, height: box.height + 40}, animations: 'disabled'});
        }

        const before = rig.commandCalls().length;
        await dialog().getByRole('button', {name: 'Decline'}).click();
        await dialog().waitFor({state: 'detached'});
        await ringGone();
        expect(['pause', 'ended']).toContain((await media()).at(-1));
        await until(() => rig.commandCalls().length > before);
        expect(commands(before)).toEqual([{command: `/plugnmeet decline ${card.props.plugnmeet_room_id}`, channel_id: 'dm1', team_id: 'team1', root_id: card.id}]);
        expect(context.pages()).toEqual([page]);
    });

    it('rings for a group call; Join opens the meeting within the click and stops the ring', async () => {
        await open(page, {posts: []});
        const card = callCard('gm1', {meeting_topic: 'Release planning', meeting_creator_display_name: 'Bob Builder'});
        post(card);
        await dialog().waitFor();
        expect(await dialog().innerText()).toContain('Bob Builder is calling the group');
        await page.waitForFunction(() => (window as any).hostMediaEvents.some((e: {type: string}) => e.type === 'playing'));

        const before = rig.commandCalls().length;
        const [popup] = await Promise.all([context.waitForEvent('page'), dialog().getByRole('button', {name: 'Join'}).click()]);
        await popup.waitForURL(new RegExp(`access_token=join-${card.props.plugnmeet_room_id}-`));
        await dialog().waitFor({state: 'detached'});
        await ringGone();
        expect(commands(before)).toEqual([{command: `/plugnmeet join ${card.props.plugnmeet_room_id}`, channel_id: 'gm1', team_id: 'team1', root_id: card.id}]);
        expect(await popup.evaluate(() => window.opener)).toBeNull();
    });

    it('does not ring for its own call, in a channel, while Do Not Disturb, or for a card anyone but the bot posted', async () => {
        await open(page, {posts: []});
        const seen = await wsEvents();
        post(callCard('dm1', {meeting_creator_id: ME_ID, meeting_creator_display_name: 'Me'}));
        post(callCard('chan1'));
        post(callCard('dm1', {}, {user_id: 'mallory'}));
        await page.waitForFunction((n) => (window as any).hostWebSocketEvents.length >= n, seen + 3);
        expect(await dialog().count()).toBe(0);

        await rig.render(page, {posts: []}, state({status: 'dnd'}));
        post(callCard('dm1'));
        await page.waitForFunction((n) => (window as any).hostWebSocketEvents.length >= n, seen + 4);
        expect(await dialog().count()).toBe(0);
        expect(await ringElements()).toBe(0);
        expect(await media()).toEqual([]);
    });

    it('a person named plugnmeet is not the bot: their "call" rings no one and their card is plain text (issue 21)', async () => {
        rig.botIsBot = false;
        const impostor = await rig.openHost(host, {installClock: true});
        try {
            const humanNamedBot = state();
            humanNamedBot.entities.users.profiles[BOT_USER_ID] = {id: BOT_USER_ID, username: 'plugnmeet', is_bot: false};
            const card = callCard('dm1', {}, {message: 'alice is calling you: Quick sync. Tap Join to answer.'});
            await open(impostor.page, {posts: [card]}, humanNamedBot);
            const seen = await wsEvents(impostor.page);
            post(callCard('dm1'));
            await impostor.page.waitForFunction((n) => (window as any).hostWebSocketEvents.length >= n, seen + 1);
            await impostor.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));
            expect(await dialog(impostor.page).count()).toBe(0);
            expect(await ringElements(impostor.page)).toBe(0);
            const shown = impostor.page.locator(`[data-post-id="${card.id}"]`);
            expect(await shown.innerText()).toContain('Tap Join to answer');
            expect(await shown.locator('[data-testid="plugnmeet-meeting-card"]').count()).toBe(0);
            expect(impostor.errors).toEqual([]);
        } finally {
            rig.botIsBot = true;
            await impostor.context.close();
        }
    });

    it('stops when the call ends: the bot\'s "ended" reply in a DM, the card edited to ended elsewhere', async () => {
        await open(page, {posts: []});
        const card = callCard('dm1');
        post(card);
        await dialog().waitFor();
        post(endedReply(card));
        await dialog().waitFor({state: 'detached'});
        await ringGone();

        const group = callCard('gm1');
        post(group);
        await dialog().waitFor();
        rig.users.postEdited({...group, props: {...group.props, meeting_status: 'ended', meeting_ended_at: NOW + minutes(1)}});
        await dialog().waitFor({state: 'detached'});
        await ringGone();
    });

    it('a call card reads as missed, or ended with how long it lasted, once the bot\'s end reply is in (issue 25)', async () => {
        const missed = callCard('dm1', {}, {message: 'Alice Liddell is calling you: Quick sync. Tap Join to answer.'});
        const answered = callCard('gm1', {meeting_topic: 'Planning'});
        const posts = {[missed.id]: missed, [answered.id]: answered};
        await open(page, {posts: [missed, answered]}, state({channelId: 'dm1', posts}));
        const card = (c: {id: string}) => page.locator(`[data-post-id="${c.id}"]`);
        await card(missed).getByText('Live').waitFor();
        expect(await card(answered).getByText('Live').count()).toBe(1);

        const before = rig.actionCalls().length;
        const missedReply = endedReply(missed);
        missedReply.props = {...missedReply.props, meeting_started_at: NOW, meeting_ended_at: NOW + minutes(1), meeting_missed: true};
        post(missedReply);
        await card(missed).getByText('Missed call').waitFor();
        expect(await card(missed).getByRole('button', {name: /join/i}).count()).toBe(0);
        expect(await card(answered).getByText('Live').count()).toBe(1);

        // The card asks once for its own update (Mattermost applies it, and mobile sees it).
        await until(() => rig.actionCalls().length > before);
        expect(rig.actionCalls().slice(before).map((c) => c.path)).toEqual([`/api/v4/posts/${missed.id}/actions/refresh`]);

        const answeredReply = endedReply(answered);
        answeredReply.props = {...answeredReply.props, meeting_started_at: NOW, meeting_ended_at: NOW + minutes(3)};
        post(answeredReply);
        await card(answered).getByText('Call ended').waitFor();
        expect(await card(answered).innerText()).toContain('Lasted 3 min');
        expect(errors).toEqual([]);
    });

    it('stops when the call was answered in another tab', async () => {
        await open(page, {posts: []});
        const other = await context.newPage();
        await other.clock.install({time: NOW});
        await other.goto(`${rig.base}/?host=${host}`);
        await other.waitForFunction(() => (window as any).hostRegistered().pluginId !== '');
        await open(other, {posts: []});

        const card = callCard('dm1');
        post(card);
        await dialog().waitFor();
        await dialog(other).waitFor();
        await dialog(other).getByRole('button', {name: 'Decline'}).click();
        await dialog(other).waitFor({state: 'detached'});
        await dialog().waitFor({state: 'detached'});
        await ringGone();
        await other.close();
    });

    it('rings for 30 seconds at most', async () => {
        await open(page, {posts: []});
        post(callCard('dm1'));
        await dialog().waitFor();
        await page.clock.runFor(29_000);
        expect(await dialog().count()).toBe(1);
        await page.clock.runFor(1_500);
        await dialog().waitFor({state: 'detached'});
        await ringGone();
    });

    it('still shows the call when the browser refuses to play sound', async () => {
        await open(page, {posts: []});
        await page.evaluate(() => {
            (window as any).hostRealPlay = HTMLMediaElement.prototype.play;
            HTMLMediaElement.prototype.play = () => Promise.reject(new DOMException('play() failed because the user didn\'t interact with the document first.', 'NotAllowedError'));
        });
        try {
            post(callCard('dm1'));
            await dialog().waitFor();
            expect(await media()).toEqual([]);
            await dialog().getByRole('button', {name: 'Decline'}).click();
            await dialog().waitFor({state: 'detached'});
        } finally {
            await page.evaluate(() => {
                HTMLMediaElement.prototype.play = (window as any).hostRealPlay;
            });
        }
    });

    it('"In a meeting": opted in from Settings, set on a join, cleared when that meeting ends', async () => {
        await open(page, {posts: [], userSettings: true});
        const settings = page.locator('#user-settings');
        await settings.getByRole('radio', {name: 'On'}).check();
        const savedBefore = rig.users.requests.length;
        if (screenshots && host === 'mattermost-11') {
            await page.mouse.move(0, 0);
            await settings.screenshot({path: join(imagesDir, 'user-settings.png'), animations: 'disabled'});
        }
        await settings.locator('section').first().getByRole('button', {name: 'Save'}).click();
        await until(() => rig.users.requests.length > savedBefore);
        expect(rig.users.requests.slice(savedBefore)).toEqual([{
            method: 'PUT', path: `/api/v4/users/${ME_ID}/preferences`, status: 200,
            body: [{user_id: ME_ID, category: 'pp_plugnmeet', name: 'in_meeting_status', value: 'on'}],
        }]);

        // Join from a channel's card with a 45-minute limit: the status lasts as long.
        const card = callCard('chan1', {meeting_duration_minutes: 45});
        await rig.render(page, {posts: [card]}, state({preferences: STATUS_PREFERENCE, posts: {[card.id]: card}}));
        const before = rig.users.requests.length;
        const [popup] = await Promise.all([context.waitForEvent('page'), page.locator(`[data-post-id="${card.id}"]`).getByRole('button', {name: 'Join meeting'}).click()]);
        await popup.waitForURL(/access_token=join-/);
        await until(() => rig.users.customStatus() !== null);
        expect(rig.users.customStatus()).toEqual({emoji: 'video_camera', text: 'In a meeting', duration: 'date_and_time', expires_at: expect.any(String)});
        const expiresIn = Date.parse(rig.users.customStatus()!.expires_at) - NOW;
        expect(expiresIn).toBeGreaterThanOrEqual(minutes(45));
        expect(expiresIn).toBeLessThan(minutes(46));
        await page.waitForFunction((id) => JSON.parse((window as any).hostStore.getState().entities.users.profiles[id].props.customStatus || '{}').emoji === 'video_camera', ME_ID);

        // The card is edited to ended: the status goes.
        rig.users.postEdited({...card, props: {...card.props, meeting_status: 'ended', meeting_ended_at: NOW + minutes(5)}});
        await until(() => rig.users.requests.some((r, i) => i >= before && r.method === 'DELETE'));
        expect(rig.users.customStatus()).toBeNull();
        expect(rig.users.requests.slice(before).map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
            'PUT /api/v4/users/me/status/custom 200',
            'DELETE /api/v4/users/me/status/custom 200',
        ]);
    });

    it('"In a meeting" from a ringing Join, kept when the user changed it meanwhile, untouched once opted out', async () => {
        await open(page, {posts: []}, state({preferences: STATUS_PREFERENCE}));
        const call = callCard('dm1');
        post(call);
        const before = rig.users.requests.length;
        const [popup] = await Promise.all([context.waitForEvent('page'), dialog().getByRole('button', {name: 'Join'}).click()]);
        await popup.waitForURL(/access_token=join-/);
        await until(() => rig.users.customStatus() !== null);

        // No time limit on the card: an hour.
        expect(Date.parse(rig.users.customStatus()!.expires_at) - NOW).toBeGreaterThanOrEqual(minutes(60));
        await page.waitForFunction((id) => Boolean((window as any).hostStore.getState().entities.users.profiles[id].props.customStatus), ME_ID);

        // The user set another status meanwhile: the end of the call leaves it.
        rig.users.setCustomStatusElsewhere({emoji: 'coffee', text: 'On a break', duration: 'one_hour', expires_at: new Date(NOW + minutes(60)).toISOString()});
        await page.waitForFunction((id) => JSON.parse((window as any).hostStore.getState().entities.users.profiles[id].props.customStatus).emoji === 'coffee', ME_ID);
        const seen = await wsEvents();
        post(endedReply(call));
        await page.waitForFunction((n) => (window as any).hostWebSocketEvents.length > n, seen);
        await page.evaluate(() => fetch('/ping'));
        expect(rig.users.customStatus()?.text).toBe('On a break');
        expect(rig.users.requests.slice(before).map((r) => r.method)).toEqual(['PUT']);

        // A typed `/plugnmeet status off`: swallowed, saved, confirmed; a join then sets nothing.
        const typed = rig.commandCalls().length;
        await page.fill('#post_textbox', '/plugnmeet status off');
        await page.press('#post_textbox', 'Enter');
        await page.getByText('Your status will no longer change when you join a plugNmeet meeting.').waitFor();
        expect(rig.users.requests.at(-1)).toEqual({
            method: 'PUT', path: `/api/v4/users/${ME_ID}/preferences`, status: 200,
            body: [{user_id: ME_ID, category: 'pp_plugnmeet', name: 'in_meeting_status', value: 'off'}],
        });
        expect(await page.evaluate(() => (window as any).hostSwallowedCommands)).toContain('/plugnmeet status off');
        expect(rig.commandCalls().length).toBe(typed);
        await page.getByRole('button', {name: 'Dismiss'}).click();

        const card = callCard('chan1');
        await rig.render(page, {posts: [card]}, {...state(), entities: {...state().entities, preferences: {myPreferences: {'pp_plugnmeet--in_meeting_status': {...STATUS_PREFERENCE['pp_plugnmeet--in_meeting_status'], value: 'off'}}}}});
        const joinedAt = rig.users.requests.length;
        const [second] = await Promise.all([context.waitForEvent('page'), page.locator(`[data-post-id="${card.id}"]`).getByRole('button', {name: 'Join meeting'}).click()]);
        await second.waitForURL(/access_token=join-/);
        await page.evaluate(() => fetch('/ping'));
        expect(rig.users.requests.slice(joinedAt)).toEqual([]);
    });

    it('lists live meetings and this channel\'s recordings in the right-hand sidebar, refreshing while open', async () => {
        rig.liveSheet = {
            meetings: [
                {room_id: 'room-design-7', channel_id: 'chan2', topic: 'Design review', started_at: NOW - minutes(28), participants: 4, creator_display_name: 'Carol Danvers'},
                {room_id: 'room-call-77', channel_id: 'gm2', topic: '', started_at: NOW - minutes(3), participants: 2, creator_display_name: 'Bob Builder'},
            ],
            recordings: [{
                record_id: 'REC_42', room_id: 'room-old-1', created_at: NOW - minutes(60 * 26), size_mb: 245.3,
                recording_id: 'REC_42', topic: 'Quarterly planning', started_at: NOW - minutes((60 * 26) + 50), duration_ms: minutes(45),
            }],
        };
        await open(page, {posts: []});
        const before = rig.commandCalls().length;
        await page.click('#app-bar-icon-0');
        const panel = page.getByTestId('plugnmeet-live-panel');
        await panel.getByText('Design review').waitFor();
        expect(commands(before)).toEqual([{command: '/plugnmeet live --quiet', channel_id: 'chan1', team_id: 'team1', root_id: ''}]);
        expect(await page.locator('#rhs .sidebar--right__title').innerText()).toBe('Live meetings');
        const meetings = panel.getByRole('list', {name: 'Live now in this team'}).getByRole('listitem');
        expect(await meetings.allInnerTexts()).toEqual([
            expect.stringMatching(/^Design review\s+Design\s+Since 10:32 AM · 4 participants\s+Started by Carol Danvers\s+Join$/),
            expect.stringMatching(/^plugNmeet meeting\s+bob, carol, me\s+Since 10:57 AM · 2 participants\s+Started by Bob Builder\s+Join$/),
        ]);
        const recordings = panel.getByRole('list', {name: 'Recordings in this channel'}).getByRole('listitem');
        expect(await recordings.allInnerTexts()).toEqual([
            expect.stringMatching(/^Recording: Quarterly planning\s+Nov 21, 8:10 AM · Lasted 45 min · 245\.3 MB\s+Recording ID: REC_42\s+Download$/),
        ]);

        // The sidebar shows which channels have a meeting live.
        await page.locator('[data-channel-id="chan2"] [data-testid="plugnmeet-live-badge"]').waitFor();
        expect(await page.locator('[data-channel-id="gm2"] [data-testid="plugnmeet-live-badge"]').count()).toBe(1);
        expect(await page.locator('[data-channel-id="chan1"] [data-testid="plugnmeet-live-badge"]').count()).toBe(0);
        if (screenshots && host === 'mattermost-11') {
            await page.mouse.move(0, 0);
            await page.locator('#rhs').screenshot({path: join(imagesDir, 'live-panel.png'), animations: 'disabled'});
        }

        const joinAt = rig.commandCalls().length;
        const [popup] = await Promise.all([context.waitForEvent('page'), meetings.first().getByRole('button', {name: 'Join'}).click()]);
        await popup.waitForURL(/access_token=join-room-design-7-/);
        expect(commands(joinAt)).toEqual([{command: '/plugnmeet join room-design-7', channel_id: 'chan2', team_id: 'team1', root_id: ''}]);

        const downloadAt = rig.commandCalls().length;
        const [download] = await Promise.all([context.waitForEvent('page'), recordings.first().getByRole('button', {name: 'Download'}).click()]);
        await download.waitForURL(/\/download\/recording\/REC_42-/);
        expect(commands(downloadAt)).toEqual([{command: '/plugnmeet recordings REC_42 --quiet', channel_id: 'chan1', team_id: 'team1', root_id: ''}]);

        // Every 30 s while open, and on a switch of channel.
        const refreshAt = rig.commandCalls().length;
        await page.clock.runFor(30_000);
        await until(() => rig.commandCalls().length > refreshAt);
        expect(commands(refreshAt)).toEqual([{command: '/plugnmeet live --quiet', channel_id: 'chan1', team_id: 'team1', root_id: ''}]);
        rig.liveSheet = {meetings: rig.liveSheet.meetings.slice(1), recordings: []};
        await page.evaluate(() => (window as any).hostStore.dispatch({type: 'SELECT_CHANNEL', data: 'chan2'}));
        await panel.getByText('No recordings in this channel yet.').waitFor();
        expect(commands(refreshAt).at(-1)).toEqual({command: '/plugnmeet live --quiet', channel_id: 'chan2', team_id: 'team1', root_id: ''});
        await page.locator('[data-channel-id="chan2"] [data-testid="plugnmeet-live-badge"]').waitFor({state: 'detached'});

        // A card edited to ended takes the badge away too.
        rig.users.postEdited({...cardPost('gmcard', {plugnmeet_room_id: 'room-call-77', meeting_status: 'ended', meeting_creator_id: 'ubob'}), channel_id: 'gm2'});
        await page.locator('[data-channel-id="gm2"] [data-testid="plugnmeet-live-badge"]').waitFor({state: 'detached'});

        // Closed from the App Bar again: no more asking.
        await page.click('#app-bar-icon-0');
        await panel.waitFor({state: 'detached'});
        const closedAt = rig.commandCalls().length;
        await page.clock.runFor(61_000);
        await page.evaluate(() => fetch('/ping'));
        expect(commands(closedAt)).toEqual([]);

        // The channel header's menu opens it too.
        await page.locator('#channel-header-menu li', {hasText: 'Live plugNmeet meetings'}).click();
        await panel.waitFor();
        await page.locator('#channel-header-menu li', {hasText: 'Live plugNmeet meetings'}).click();
        await panel.waitFor({state: 'detached'});
    });

    it('says why the panel is empty when the sidecar sends no list', async () => {
        await open(page, {posts: []});
        rig.replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'Usage: /plugnmeet ...'}}));
        await page.click('#app-bar-icon-0');
        const alert = page.getByTestId('plugnmeet-live-panel').getByRole('alert');
        await alert.waitFor();
        expect(await alert.innerText()).toBe('Could not load the live meetings The plugNmeet service sent no list. It may need an update; tell your system admin.');
        await page.click('#app-bar-icon-0');
    });

    it('starts a meeting in a post\'s thread from its menu, and in a channel from its intro', async () => {
        const reply = {...cardPost('reply1', {}), type: '', user_id: 'ualice', message: 'Shall we talk?', root_id: 'threadroot1'};
        await open(page, {posts: [reply], postMenus: true, channelIntro: true}, state({posts: {reply1: reply}}));
        const before = rig.commandCalls().length;
        await page.locator('[data-post-id="reply1"] .post-menu__button').click();
        const item = page.getByRole('menuitem', {name: 'Start a meeting in this thread'});
        const [popup] = await Promise.all([context.waitForEvent('page'), item.click()]);
        await popup.waitForURL(/access_token=start-/);
        expect(commands(before)).toEqual([{command: '/plugnmeet start --root threadroot1', channel_id: 'chan1', team_id: 'team1', root_id: 'threadroot1'}]);

        const introAt = rig.commandCalls().length;
        const [second] = await Promise.all([context.waitForEvent('page'), page.locator('#channel-intro').getByRole('button', {name: 'Start a plugNmeet meeting'}).click()]);
        await second.waitForURL(/access_token=start-/);
        expect(commands(introAt)).toEqual([{command: '/plugnmeet start', channel_id: 'chan1', team_id: 'team1', root_id: ''}]);

        // Mattermost offers no intro buttons without a membership (pluggable_intro_buttons.tsx).
        await rig.render(page, {posts: [], channelIntro: true, noMembership: true}, state());
        expect(await page.locator('#channel-intro').count()).toBe(0);
    });

    it('logged no errors in the page', () => {
        expect(errors).toEqual([]);
    });

    it('takes everything back on uninitialize: the ring, its element, the styles, the websocket handlers', async () => {
        await open(page, {posts: []});
        post(callCard('dm1'));
        await dialog().waitFor();
        expect(await page.locator('#plugnmeet-calls-styles').count()).toBe(1);
        await page.evaluate((id) => (window as any).hostRemovePlugin(id), manifest.id);
        expect(await ringElements()).toBe(0);
        expect(await dialog().count()).toBe(0);
        expect(await page.locator('#plugnmeet-calls-styles').count()).toBe(0);
        expect(await page.evaluate(() => (window as any).hostPendingPluginTimers())).toBe(0);

        const seen = await wsEvents();
        post(callCard('dm1'));
        await page.waitForFunction((n) => (window as any).hostWebSocketEvents.length > n, seen);
        expect(await ringElements()).toBe(0);
    });
});

// The Desktop app (host/desktop.js): the notice's Join and the panel's Join reach the system
// browser, with no empty popup, as the card's Join does (desktop.test.ts).
describe('calling in the Desktop app host', () => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    const desktop = () => page.evaluate(() => (window as any).hostDesktop as {openedExternally: string[]; blockedNavigations: string[]; blankPopups: number});

    beforeAll(async () => {
        ({context, page, errors} = await rig.openHost('desktop', {installClock: true}));
        await page.waitForFunction(() => (window as any).hostWebSocketOpen);
    });
    afterAll(() => context?.close());

    it('answers a call and joins from the live panel in the system browser', async () => {
        await rig.render(page, {posts: []}, state());
        await page.mouse.click(5, 690);
        const card = callCard('dm1');
        rig.users.posted(card as any, CHANNELS.dm1);
        await page.getByRole('dialog', {name: 'Incoming call'}).getByRole('button', {name: 'Join'}).click();
        await page.waitForFunction(() => (window as any).hostDesktop.openedExternally.length === 1);

        rig.liveSheet = {meetings: [{room_id: 'room-design-9', channel_id: 'chan2', topic: 'Design review', started_at: NOW, participants: 2, creator_display_name: 'Carol'}], recordings: []};
        await page.click('#app-bar-icon-0');
        await page.getByTestId('plugnmeet-live-panel').getByRole('button', {name: 'Join'}).click();
        await page.waitForFunction(() => (window as any).hostDesktop.openedExternally.length === 2);

        const state2 = await desktop();
        expect(state2.openedExternally).toEqual([
            expect.stringContaining(`access_token=join-${card.props.plugnmeet_room_id}-`),
            expect.stringContaining('access_token=join-room-design-9-'),
        ]);
        expect(state2.blankPopups).toBe(0);
        expect(state2.blockedNavigations).toEqual([]);
        expect(context.pages()).toEqual([page]);
        expect(errors).toEqual([]);
    });
});

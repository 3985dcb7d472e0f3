// Scheduled meetings (issue 15) in a real browser, in the React 17 (Mattermost 10) and React 18
// (Mattermost 11) hosts: the scheduled card as the sidecar posts it (contracts/src/index.ts), its
// time on the reader's clocks (their Mattermost time zone, not the planner's nor the browser's),
// its buttons (the post's own actions through Mattermost, the join command), Add to calendar; and
// the options dialog's Schedule mode, from the call menu and from a typed `/plugnmeet schedule`,
// with the exact command it sends. `SCREENSHOTS=1` also writes docs/images/scheduled-card.png and
// docs/images/schedule-dialog.png.
import {mkdirSync} from 'fs';
import {join} from 'path';

import type {BrowserContext, Page} from 'playwright-core';

import {BOT_USER_ID, CSRF, NOW, chooseFromCallMenu, createRig, minutes, rootDir, until} from './harness';
import type {HostName} from './harness';

jest.setTimeout(120_000);

const ROOT = 'abcdefghijklmnopqrstuvwxyz';
const AT = Date.UTC(2026, 11, 3, 14, 0); // Thursday 3 December 2026: 15:00 in Berlin, 9:00 in New York
const CALENDAR = 'https://sidecar.example.com/plugnmeet/calendar/room-sched-01.ics?expires=1795000000&sig=c2lnbmVk';
const imagesDir = join(rootDir, 'docs', 'images');

// A scheduled card as the sidecar posts it (sidecar/src/meetings/cards/scheduled.ts), planned in
// Berlin: its attachment carries the buttons mobile shows, which the web card runs by id.
function scheduledPost(id: string, extra: Record<string, unknown> = {}) {
    const recurring = extra.meeting_recurrence && extra.meeting_recurrence !== '';
    const actions = ['join', 'notify', 'cancel', ...(recurring ? ['cancel_series'] : [])].map((action) => ({id: action, name: action, type: 'button'}));
    return {
        id, channel_id: 'chan1', root_id: '', user_id: BOT_USER_ID, type: 'custom_plugnmeet', message: 'Pat Planner scheduled a plugNmeet meeting: Weekly sync',
        create_at: NOW - minutes(90), update_at: NOW - minutes(90), edit_at: 0, delete_at: 0,
        props: {
            plugnmeet_room_id: 'room-sched-01', meeting_topic: 'Weekly sync', meeting_status: 'scheduled',
            meeting_creator_id: 'u-pat', meeting_creator_username: 'pat', meeting_creator_display_name: 'Pat Planner',
            meeting_started_at: AT, meeting_participants: 0, meeting_scheduled_at: AT, meeting_recurrence: '',
            meeting_time_zone: 'Europe/Berlin', meeting_calendar_url: CALENDAR, meeting_watchers: 3,
            attachments: [{title: 'Weekly sync', text: 'Thu, Dec 3, 2026, 3:00 PM (Europe/Berlin)', actions}],
            ...extra,
        },
    };
}

// The reader's state. A profile keeps its zone as model/user.go Timezone does (string values),
// read as mattermost-redux does (selectors/entities/timezone.ts getCurrentTimezone); the roles as
// in entities.users.profiles (a space-separated list).
function readerState({zone = 'America/New_York', userId = 'me', roles = 'system_user'} = {}) {
    return {
        entities: {
            teams: {currentTeamId: 'team1'},
            channels: {currentChannelId: 'chan1'},
            posts: {posts: {}},
            users: {
                currentUserId: userId,
                profiles: {[userId]: {id: userId, username: userId, locale: 'en', roles, timezone: {useAutomaticTimezone: 'false', automaticTimezone: '', manualTimezone: zone}}},
            },
        },
        views: {rhs: {selectedPostId: ''}},
    };
}

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

describe.each<HostName>(['mattermost-10', 'mattermost-11'])('scheduled meetings in the %s host', (host) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    const render = (...args: Parameters<typeof rig.render> extends [unknown, ...infer R] ? R : never) => rig.render(page, ...args);
    const card = (postId: string) => page.locator(`[data-post-id="${postId}"] [data-testid="plugnmeet-meeting-card"]`);
    const dialog = () => page.getByRole('dialog', {name: 'Schedule a plugNmeet meeting'});
    const commands = (from: number) => rig.commandCalls().slice(from).map((c) => c.body.command);
    const screenshots = process.env.SCREENSHOTS === '1' && host === 'mattermost-11';

    beforeAll(async () => {
        // The browser's own zone is UTC (harness.ts): neither the reader's nor the planner's.
        ({context, page, errors} = await rig.openHost(host));
        if (screenshots) {
            mkdirSync(imagesDir, {recursive: true});
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

    it('shows a planned meeting at its time on the reader\'s clocks, who planned it, and how many will be reminded', async () => {
        expect(await page.evaluate(() => new Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe('UTC');
        await render({posts: [scheduledPost('post-sched', {meeting_recurrence: 'week', meeting_waiting_room: true, meeting_duration_minutes: 60})]}, readerState());
        const scheduled = card('post-sched');
        await scheduled.waitFor();
        expect(await scheduled.getAttribute('data-status')).toBe('scheduled');
        const text = await scheduled.innerText();
        expect(text).toContain('Weekly sync');
        expect(text).toMatch(/scheduled/i);
        expect(text).toContain('Every week');
        expect(await scheduled.locator('time').innerText()).toMatch(/^Thursday, December 3 · 9:00\sAM EST$/);
        expect(await scheduled.locator('time').getAttribute('datetime')).toBe('2026-12-03T14:00:00.000Z');
        expect(text).toContain('Scheduled by Pat Planner · 3 people will be reminded');
        expect(await scheduled.getByRole('list', {name: 'Meeting options'}).getByRole('listitem').allInnerTexts()).toEqual(['Waiting room', 'Up to 1 hr']);
        expect(text).not.toContain('Thu, Dec 3, 2026, 3:00 PM (Europe/Berlin)');

        // The same card for a reader in Berlin, and in Auckland (already Friday there).
        await render({posts: [scheduledPost('post-sched')]}, readerState({zone: 'Europe/Berlin'}));
        expect(await card('post-sched').locator('time').innerText()).toMatch(/^Thursday, December 3 · 3:00\sPM GMT\+1$/);
        await render({posts: [scheduledPost('post-sched')]}, readerState({zone: 'Pacific/Auckland'}));
        expect(await card('post-sched').locator('time').innerText()).toMatch(/^Friday, December 4 · 3:00\sAM GMT\+13$/);
    });

    it('runs Notify me as the post\'s own button action through Mattermost, and offers a reader no Cancel', async () => {
        await render({posts: [scheduledPost('post-sched')]}, readerState());
        const before = rig.actionCalls().length;
        await card('post-sched').getByRole('button', {name: 'Notify me'}).click();
        await until(() => rig.actionCalls().length > before);
        const [call] = rig.actionCalls().slice(before);
        expect(call).toMatchObject({method: 'POST', path: '/api/v4/posts/post-sched/actions/notify'});
        expect(call.headers['x-csrf-token']).toBe(CSRF);
        expect(call.headers['x-requested-with']).toBe('XMLHttpRequest');
        expect(await card('post-sched').getByRole('button', {name: /cancel/i}).count()).toBe(0);
    });

    it('lets the planner cancel one occurrence or the series after asking, behind one Cancel that fits a narrow column', async () => {
        await render({posts: [scheduledPost('post-sched', {meeting_creator_id: 'me', meeting_recurrence: 'weekday'})], rhs: true, width: 360}, readerState());
        const scheduled = card('post-sched');
        await scheduled.waitFor();

        // Open early, Notify me, Add to calendar and Cancel take at most two rows at 360 px.
        const tops = new Set<number>();
        for (const control of await scheduled.locator('.plugnmeet-card__actions > button, .plugnmeet-card__actions > a').all()) {
            tops.add(Math.round((await control.boundingBox())!.y));
        }
        expect(tops.size).toBeLessThanOrEqual(2);
        expect(await scheduled.getByRole('link', {name: 'Add to calendar'}).count()).toBe(1);
        const before = rig.actionCalls().length;
        await scheduled.getByRole('button', {name: 'Cancel meeting'}).click();
        await scheduled.getByRole('button', {name: 'Keep it'}).click();
        await scheduled.getByRole('button', {name: 'Cancel meeting'}).click();
        expect(await scheduled.getByRole('group').innerText()).toContain('Cancel for everyone: only this meeting, or the whole series?');
        await scheduled.getByRole('button', {name: 'This one'}).click();
        await until(() => rig.actionCalls().length > before);
        await scheduled.getByRole('button', {name: 'Cancel meeting'}).click();
        await scheduled.getByRole('button', {name: 'Whole series'}).click();
        await until(() => rig.actionCalls().length > before + 1);
        expect(rig.actionCalls().slice(before).map((c) => c.path)).toEqual(['/api/v4/posts/post-sched/actions/cancel', '/api/v4/posts/post-sched/actions/cancel_series']);
    });

    it('opens a meeting far ahead only once confirmed, through `join <id> early`, and points Add to calendar at the signed .ics', async () => {
        await render({posts: [scheduledPost('post-sched')]}, readerState());
        const before = rig.commandCalls().length;
        await card('post-sched').getByRole('button', {name: 'Open early'}).click();
        expect(rig.commandCalls().length).toBe(before);
        const [popup] = await Promise.all([context.waitForEvent('page'), card('post-sched').getByRole('button', {name: 'Open now'}).click()]);
        await popup.waitForURL(/access_token=join-room-sched-01/);
        expect(rig.commandCalls().slice(before).map((c) => c.body)).toEqual([
            {command: '/plugnmeet join room-sched-01 early', channel_id: 'chan1', team_id: 'team1', root_id: 'post-sched'},
        ]);

        const calendar = card('post-sched').getByRole('link', {name: 'Add to calendar'});
        expect(await calendar.getAttribute('href')).toBe(CALENDAR);
        expect(await calendar.getAttribute('download')).toBe('');
        expect(await calendar.getAttribute('target')).toBe('_blank');
        expect(await calendar.getAttribute('rel')).toBe('noopener noreferrer');
    });

    it('shows a cancelled occurrence without buttons, and still renders cards of unknown status', async () => {
        const cancelled = scheduledPost('post-cancelled', {meeting_status: 'ended', meeting_cancelled: true, meeting_ended_at: AT, attachments: [{actions: []}]});
        const future = scheduledPost('post-future', {meeting_status: 'postponed'});
        await render({posts: [cancelled, future]}, readerState());
        expect(await card('post-cancelled').getAttribute('data-status')).toBe('cancelled');
        expect(await card('post-cancelled').innerText()).toMatch(/cancelled/i);
        expect(await card('post-cancelled').getByRole('button').count()).toBe(0);
        expect(await card('post-future').getAttribute('data-status')).toBe('unknown');
        expect(await card('post-future').getByRole('button', {name: 'Join meeting'}).isEnabled()).toBe(true);
    });

    it('schedules from the call menu: the date and time on the user\'s Mattermost clocks, the exact command', async () => {
        await render({posts: []}, readerState({zone: 'Europe/Berlin'}));
        const before = rig.commandCalls().length;
        await chooseFromCallMenu(page, 'schedule');
        const date = dialog().getByLabel('Date', {exact: true});
        await date.waitFor();

        // NOW is 12:00 in Berlin: the next full hour at least 15 minutes away.
        expect(await date.inputValue()).toBe('2026-11-22');
        expect(await dialog().getByLabel('Time', {exact: true}).inputValue()).toBe('13:00');
        expect(await dialog().getByText('In your Mattermost time zone: Central European Standard Time (Europe/Berlin)').count()).toBe(1);
        expect(await dialog().getByRole('radio', {name: 'Schedule'}).isChecked()).toBe(true);

        await dialog().getByLabel('Topic (optional)').fill('Weekly sync');
        await date.fill('2026-12-03');
        await dialog().getByLabel('Time', {exact: true}).fill('15:00');
        await dialog().getByLabel('Repeats').selectOption('week');
        await dialog().getByRole('switch', {name: 'Waiting room'}).check();
        await dialog().getByLabel('Time limit (minutes)').fill('60');
        if (screenshots) {
            await page.setViewportSize({width: 900, height: 1000});
            await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
            await page.mouse.move(0, 0);
            await dialog().screenshot({path: join(imagesDir, 'schedule-dialog.png'), animations: 'disabled'});
            await page.setViewportSize({width: 900, height: 700});
        }

        // What the sidecar answers (sidecar/src/meetings/commands.ts): a text, no link.
        rig.replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'You scheduled **Weekly sync** for Thu, Dec 3, 2026, 3:00 PM (Europe/Berlin).'}}));
        await dialog().getByRole('button', {name: 'Schedule meeting'}).click();
        await dialog().waitFor({state: 'detached'});
        expect(rig.commandCalls().slice(before).map((c) => c.body)).toEqual([
            {command: '/plugnmeet options --quiet', channel_id: 'chan1', team_id: 'team1', root_id: ''},
            {command: '/plugnmeet schedule 2026-12-03 15:00 --every week --waiting-room --duration 60 -- Weekly sync', channel_id: 'chan1', team_id: 'team1', root_id: ''},
        ]);
        expect(context.pages()).toEqual([page]);
    });

    it('opens in Schedule mode for a typed /plugnmeet schedule, swallowing it, refuses a past time, and schedules in the thread', async () => {
        await render({posts: [], typingRootId: ROOT}, readerState({zone: 'America/New_York'}));
        const before = rig.commandCalls().length;
        await page.fill('#post_textbox', '/plugnmeet schedule');
        await page.press('#post_textbox', 'Enter');
        const date = dialog().getByLabel('Date', {exact: true});
        await date.waitFor();
        expect(await page.evaluate(() => (window as any).hostSwallowedCommands)).toContain('/plugnmeet schedule');

        // 6:00 in New York: 5:30 today has passed.
        await date.fill('2026-11-22');
        await dialog().getByLabel('Time', {exact: true}).fill('05:30');
        const alert = dialog().getByRole('alert');
        expect(await alert.innerText()).toBe('That time has already passed. Choose a later one.');
        await dialog().getByRole('button', {name: 'Schedule meeting'}).click();
        expect(await date.evaluate((el) => el === document.activeElement)).toBe(true);
        await page.evaluate(() => fetch('/ping'));
        expect(commands(before)).toEqual(['/plugnmeet options --quiet']);

        await dialog().getByLabel('Time', {exact: true}).fill('18:30');
        expect(await alert.count()).toBe(0);
        await dialog().getByRole('button', {name: 'Schedule meeting'}).click();
        await dialog().waitFor({state: 'detached'});
        expect(commands(before)).toEqual(['/plugnmeet options --quiet', `/plugnmeet schedule 2026-11-22 18:30 --root ${ROOT} --`]);
        expect(rig.commandCalls().at(-1)?.body.root_id).toBe(ROOT);
    });

    it('lets a typed /plugnmeet schedule with a time go to the sidecar as typed', async () => {
        await render({posts: []}, readerState());
        const before = rig.commandCalls().length;
        await page.fill('#post_textbox', '/plugnmeet schedule tomorrow 10:00 Retro');
        await page.press('#post_textbox', 'Enter');
        await until(() => rig.commandCalls().length > before);
        expect(commands(before)).toEqual(['/plugnmeet schedule tomorrow 10:00 Retro']);
        expect(await dialog().count()).toBe(0);
    });

    it('writes the screenshot of a scheduled card', async () => {
        if (!screenshots) {
            return;
        }
        await render({posts: [scheduledPost('post-sched', {meeting_creator_id: 'me', meeting_recurrence: 'week', meeting_waiting_room: true, meeting_recorded: true})]}, readerState());
        await card('post-sched').waitFor();
        await page.mouse.move(0, 0);
        await page.locator('#posts').screenshot({path: join(imagesDir, 'scheduled-card.png'), animations: 'disabled'});
    });

    it('logged no errors in the page', () => {
        expect(errors).toEqual([]);
    });
});

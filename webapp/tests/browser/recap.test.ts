// After the meeting (issue 23) in a real browser: the card's faces while live (pictures from
// Mattermost for its users, initials for guests, "+N"), who came once ended and "AI summary on its
// way", in the React 17 (Mattermost 10) and React 18 (Mattermost 11) hosts and the Desktop app host,
// light and dark; and the recap cards in the thread (attendance, the folded transcript, the AI summary).
// `SCREENSHOTS=1` also writes docs/images/recap-faces-{light,dark}.png, recap-ended-{light,dark}.png and
// recap-thread-{light,dark}.png (from the Mattermost 11 host).
import {mkdirSync} from 'fs';
import {join} from 'path';

import type {BrowserContext, Page} from 'playwright-core';

import {BOT_USER_ID, NOW, cardPost, createRig, minutes, rootDir} from './harness';
import type {HostName} from './harness';

jest.setTimeout(120_000);

const imagesDir = join(rootDir, 'docs', 'images');
const screenshots = process.env.SCREENSHOTS === '1';

const onyx = {
    centerChannelBg: '#191b1f', centerChannelColor: '#e3e4e8', buttonBg: '#4a7ce8', buttonColor: '#ffffff',
    onlineIndicator: '#3db887', awayIndicator: '#f5ab00', dndIndicator: '#d24b4e', errorTextColor: '#da6c6e', linkColor: '#5d89ea',
};

const ids = ['a', 'b', 'c', 'd', 'e'].map((c) => c.repeat(26));
const colours = ['#5b8def', '#e0735c', '#3db887', '#a26ee8', '#f5ab00'];
const names = ['alice', 'bob', 'carol', 'dan', 'erin'];
const people = [...ids.map((id, i) => ({id, name: names[i]})), {id: '', name: 'Gina Guest'}, {id: '', name: 'Hugo'}, {id: ids[0]!.replace(/a/g, 'f'), name: 'frank'}];

const livePost = cardPost('post-faces', {
    plugnmeet_room_id: 'room-faces', meeting_topic: 'Weekly planning', meeting_status: 'live',
    meeting_creator_id: ids[0], meeting_creator_username: 'alice', meeting_started_at: NOW - minutes(12), meeting_participants: 11,
    meeting_people: people, meeting_people_more: 3,
});
const endedPost = cardPost('post-came', {
    plugnmeet_room_id: 'room-came', meeting_topic: 'Design review', meeting_status: 'ended',
    meeting_creator_id: ids[1], meeting_creator_username: 'bob', meeting_started_at: NOW - minutes(60), meeting_ended_at: NOW - minutes(13),
    meeting_participants: 4, meeting_people: people.slice(0, 4), meeting_people_more: 0, meeting_summary_coming: true,
});

const recapPost = (id: string, props: Record<string, unknown>, message: string) => ({
    id, channel_id: 'chan1', root_id: 'post-came', user_id: BOT_USER_ID, type: 'custom_plugnmeet_recap', message,
    create_at: NOW - minutes(12), update_at: NOW - minutes(12), edit_at: 0, delete_at: 0,
    props: {plugnmeet_room_id: 'room-came', plugnmeet_artifact_id: id, recap_topic: 'Design review', ...props},
});
const thread = [
    recapPost('recap-att', {plugnmeet_recap: 'attendance', recap_duration_ms: minutes(47), recap_people: [
        {name: 'Bob Stone', guest: false, present_ms: minutes(45), talked_ms: minutes(9)},
        {name: 'Alice Smith', guest: false, present_ms: minutes(25), talked_ms: minutes(4)},
        {name: 'Gina', guest: true, present_ms: minutes(10), talked_ms: 30_000},
    ]}, '**Attendance** · Design review · 47 min'),
    recapPost('recap-tr', {plugnmeet_recap: 'transcript', recap_cues: [
        {speaker: 'Alice Smith', text: 'Shall we ship the new onboarding on Friday?'},
        {speaker: 'Bob Stone', text: 'Yes, once the copy review is done.'},
    ], recap_cut: false, recap_file_url: 'https://sidecar.example/recap/room-came/recap-tr.vtt?expires=1&signature=x'}, '**Transcript** · Design review'),
    recapPost('recap-sum', {plugnmeet_recap: 'summary'},
        '**AI-generated summary** · Design review\n\n**Decisions**\n\n-   Ship the onboarding on Friday\n-   Bob owns the copy review'),
];

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

describe.each<[HostName]>([['mattermost-10'], ['mattermost-11'], ['desktop']])('the recap in the %s host', (host) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];

    beforeAll(async () => {
        ({context, page, errors} = await rig.openHost(host));

        // Mattermost serves each user's picture at /api/v4/users/<id>/image: a coloured circle here.
        await page.route('**/api/v4/users/*/image', (route) => {
            const id = (/users\/([a-z0-9]+)\/image/).exec(route.request().url())?.[1] ?? '';
            const fill = colours[ids.indexOf(id)] ?? '#8a8a8a';
            return route.fulfill({contentType: 'image/svg+xml', body: `<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48"><circle cx="24" cy="24" r="24" fill="${fill}"/></svg>`});
        });
        if (screenshots) {
            mkdirSync(imagesDir, {recursive: true});
        }
    });

    afterAll(() => context?.close());

    it.each([['light', undefined], ['dark', onyx]])('faces on the live card, %s', async (name, theme) => {
        await rig.render(page, {posts: [livePost], ...(theme ? {theme} : {})});
        const faces = page.locator('[data-post-id="post-faces"] [data-testid="plugnmeet-faces"]');
        await faces.waitFor();
        expect(await faces.getAttribute('aria-label')).toBe('In the meeting');
        const pictures = faces.locator('img');
        expect(await pictures.count()).toBe(6);
        await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="plugnmeet-faces"] img')].every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0));
        expect(await faces.getByLabel('Gina Guest').innerText()).toBe('GG');
        expect(await faces.getByLabel('Hugo').innerText()).toBe('HU');
        expect(await faces.innerText()).toContain('+3');
        expect(errors).toEqual([]);
        if (screenshots && host === 'mattermost-11') {
            await page.locator('#posts').screenshot({path: join(imagesDir, `recap-faces-${name}.png`), animations: 'disabled'});
        }
    });

    it.each([['light', undefined], ['dark', onyx]])('who came and "summary on its way" on the ended card, %s', async (name, theme) => {
        await rig.render(page, {posts: [endedPost], ...(theme ? {theme} : {})});
        const card = page.locator('[data-post-id="post-came"] [data-testid="plugnmeet-meeting-card"]');
        await card.waitFor();
        expect(await card.locator('[data-testid="plugnmeet-faces"]').getAttribute('aria-label')).toBe('Came');
        expect(await card.innerText()).toContain('AI summary on its way to this thread');
        expect(errors).toEqual([]);
        if (screenshots && host === 'mattermost-11') {
            await page.locator('#posts').screenshot({path: join(imagesDir, `recap-ended-${name}.png`), animations: 'disabled'});
        }
    });

    it.each([['light', undefined], ['dark', onyx]])('the recap cards in the thread, %s', async (name, theme) => {
        await rig.render(page, {posts: thread, ...(theme ? {theme} : {})});
        const cards = page.locator('[data-testid="plugnmeet-recap-card"]');
        await cards.first().waitFor();
        expect(await cards.count()).toBe(3);
        const rows = await page.locator('[data-post-id="recap-att"] tbody tr').allInnerTexts();
        expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['Bob Stone 45 min 9 min', 'Alice Smith 25 min 4 min', 'Gina guest 10 min less than a minute']);
        const transcript = page.locator('[data-post-id="recap-tr"] details');
        await transcript.evaluate((d) => (d as HTMLDetailsElement).removeAttribute('open')); // the same post stays mounted across renders
        expect(await transcript.locator('li').first().isVisible()).toBe(false);
        await transcript.locator('summary').click();
        expect(await transcript.locator('li').first().innerText()).toBe('Alice Smith: Shall we ship the new onboarding on Friday?');
        expect(await page.locator('[data-post-id="recap-tr"] a').getAttribute('href')).toMatch(/^https:\/\/sidecar\.example\/recap\//);
        expect(await page.locator('[data-post-id="recap-sum"]').innerText()).toContain('Ship the onboarding on Friday');
        expect(errors).toEqual([]);
        if (screenshots && host === 'mattermost-11') {
            await page.locator('#posts').screenshot({path: join(imagesDir, `recap-thread-${name}.png`), animations: 'disabled'});
        }
    });
});

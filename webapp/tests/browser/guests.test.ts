// "Copy guest link" (issue 24) in a real browser, in the React 17 (Mattermost 10) and React 18
// (Mattermost 11) hosts: a live card's "..." menu runs `/plugnmeet invite` in the card's channel and
// copies the link the sidecar answers (its props' plugnmeet_guest_url) to the clipboard; a refusal
// (the sidecar's private reply) copies nothing and says where the reason is; an ended card has no entry.
import type {BrowserContext, Page} from 'playwright-core';

import {cardPost, createRig, endedPost, livePost} from './harness';
import type {HostName} from './harness';

jest.setTimeout(120_000);

const rig = createRig();
beforeAll(() => rig.start());
afterAll(() => rig.stop());

const GUEST_URL = 'https://pnm-sidecar.example.com/guest/AAAAAAAAAAAAAAAAAAAAAA';

describe.each<HostName>(['mattermost-10', 'mattermost-11'])('Copy guest link in the %s host', (host) => {
    let context: BrowserContext;
    let page: Page;
    let errors: string[];
    const commands = (from: number) => rig.commandCalls().slice(from).map((c) => c.body);
    const notices = () => page.getByTestId('plugnmeet-notices');
    const openMenu = async (postId: string) => {
        await page.locator(`[data-post-id="${postId}"] .post-menu__button`).click();
        return page.getByRole('menuitem', {name: 'Copy guest link'});
    };

    beforeAll(async () => {
        ({context, page, errors} = await rig.openHost(host));
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], {origin: rig.base});
    });
    afterAll(() => context?.close());

    it('copies the link the sidecar made for the card\'s channel, and says so', async () => {
        const card = cardPost('post-guests', {...livePost.props}, {channel_id: 'chan1'});
        await rig.render(page, {posts: [card], postMenus: true}, {entities: {
            teams: {currentTeamId: 'team1'}, channels: {currentChannelId: 'chan1'}, posts: {posts: {[card.id]: card}},
            users: {currentUserId: 'me', profiles: {me: {id: 'me', username: 'me', locale: 'en'}}},
        }});
        rig.replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'Guest link for **Sprint 42 review** ...', props: {plugnmeet_guest_url: GUEST_URL, plugnmeet_room_id: 'room-live-01'}}}));
        const before = rig.commandCalls().length;
        await (await openMenu(card.id)).click();
        await notices().getByText(/Guest link copied/).waitFor();
        expect(commands(before)).toEqual([{command: '/plugnmeet invite', channel_id: 'chan1', team_id: 'team1', root_id: ''}]);
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(GUEST_URL);
    });

    it('copies nothing when the sidecar refuses, and points to its reply', async () => {
        await page.evaluate(() => navigator.clipboard.writeText('before'));
        rig.replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'Guest links are turned off.'}}));
        await (await openMenu('post-guests')).click();
        await notices().getByText(/No guest link was made/).waitFor();
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');
    });

    it('offers no entry on an ended meeting\'s card', async () => {
        const ended = cardPost('post-ended-guests', {...endedPost.props});
        await rig.render(page, {posts: [ended], postMenus: true}, {entities: {
            teams: {currentTeamId: 'team1'}, channels: {currentChannelId: 'chan1'}, posts: {posts: {[ended.id]: ended}},
            users: {currentUserId: 'me', profiles: {me: {id: 'me', username: 'me', locale: 'en'}}},
        }});
        expect(await (await openMenu(ended.id)).count()).toBe(0);
    });

    it('logged no errors in the page', () => {
        expect(errors).toEqual([]);
    });
});

import {act, cleanup, fireEvent, screen, waitFor} from '@testing-library/react';
import React from 'react';
import {createStore} from 'redux';

import MeetingCard, {STALE_AFTER_MS} from './meeting_card';

import {deferred, fakeClient, fakeWindow, makePost, renderWithIntl} from '../../../tests/test_utils';
import {ClientError} from '../../client/client';

const NOW = new Date(2026, 10, 22, 11, 0).getTime();
const STARTED = new Date(2026, 10, 22, 10, 30).getTime();

function liveProps(extra: Record<string, unknown> = {}) {
    return {
        plugnmeet_room_id: 'room-abc_1',
        meeting_topic: 'Sprint review',
        meeting_status: 'live',
        meeting_creator_id: 'u1',
        meeting_creator_username: 'alice',
        meeting_started_at: STARTED,
        meeting_participants: 3,
        attachments: [{text: 'Join on mobile', actions: [{id: 'join', name: 'Join'}, {id: 'refresh', name: 'Refresh'}]}],
        ...extra,
    };
}

function setup(postOverrides: Parameters<typeof makePost>[0] = {}, opts: {locale?: string; theme?: Record<string, string>; compact?: boolean; rhs?: boolean; now?: () => number; state?: object} = {}) {
    const client = fakeClient();
    const win = fakeWindow();
    const openWindow = jest.fn(() => win as unknown as Window);
    const post = makePost({update_at: NOW - 1000, props: liveProps(), ...postOverrides});
    const element = (p = post) => (
        <MeetingCard
            post={p}
            theme={opts.theme}
            compactDisplay={opts.compact}
            isRHS={opts.rhs}
            client={client}
            getTeamId={() => 'team1'}
            windowOptions={{openWindow, desktop: false}}
            now={opts.now ?? (() => NOW)}
        />
    );
    const view = renderWithIntl(element(), {locale: opts.locale, state: opts.state});
    return {client, win, openWindow, post, view, rerender: (p: typeof post) => view.rerender(element(p))};
}

const joinButton = () => screen.getByRole('button', {name: /join/i});

describe('MeetingCard rendering', () => {
    it('shows topic, starter, time, live badge and participants for a live meeting', () => {
        setup();
        expect(screen.getByRole('heading', {name: 'Sprint review'})).toBeInTheDocument();
        expect(screen.getByText('Live')).toBeInTheDocument();
        expect(screen.getByText('3 participants')).toBeInTheDocument();
        expect(screen.getByText(/^Started by @alice · 10:30\sAM$/)).toBeInTheDocument();
        expect(joinButton()).toBeEnabled();
        expect(screen.queryByText(/ended/i)).not.toBeInTheDocument();
    });

    it('names the starter as Mattermost shows people when the card says so, in the reader\'s language', () => {
        setup({props: liveProps({meeting_creator_display_name: 'Alice Liddell'})});
        expect(screen.getByText(/^Started by Alice Liddell · 10:30\sAM$/)).toBeInTheDocument();
    });

    it('counts the guests who joined by a guest link, when there are any (issue 24)', () => {
        setup({props: liveProps({meeting_guests: 2})});
        expect(screen.getByText('2 guests')).toBeInTheDocument();
        setup({props: liveProps({meeting_guests: 1})}, {locale: 'de'});
        expect(screen.getByText('1 Gast')).toBeInTheDocument();
    });

    it('shows no guest count on a card without guests, or with a nonsense count', () => {
        setup({props: liveProps({meeting_guests: -4})});
        expect(screen.queryByText(/guest/)).not.toBeInTheDocument();
    });

    it('shows the start on the reader\'s Mattermost clocks, not the browser\'s', () => {
        const zone = (timezone: object) => ({entities: {users: {currentUserId: 'me', profiles: {me: {id: 'me', timezone}}}}});
        const started = Date.UTC(2026, 10, 22, 10, 30);
        setup({props: liveProps({meeting_started_at: started})}, {now: () => started + 60_000, state: zone({useAutomaticTimezone: 'false', manualTimezone: 'Asia/Kolkata'})});
        expect(screen.getByText(/^Started by @alice · 4:00\sPM$/)).toBeInTheDocument();
        cleanup();

        // Just after midnight in Tokyo it is another day there: the date shows.
        setup({props: liveProps({meeting_started_at: Date.UTC(2026, 10, 22, 14, 50)})}, {now: () => Date.UTC(2026, 10, 22, 15, 10), state: zone({useAutomaticTimezone: 'true', automaticTimezone: 'Asia/Tokyo'})});
        expect(screen.getByText(/^Started by @alice · Nov 22, 11:50\sPM$/)).toBeInTheDocument();
    });

    it('uses the singular for one participant', () => {
        setup({props: liveProps({meeting_participants: 1})});
        expect(screen.getByText('1 participant')).toBeInTheDocument();
    });

    it('shows "ended" with the duration, and offers a new meeting instead of Join once over', () => {
        setup({props: liveProps({meeting_status: 'ended', meeting_ended_at: STARTED + (72 * 60 * 1000), meeting_participants: 5})});
        expect(screen.getByText('Ended')).toBeInTheDocument();
        expect(screen.getByText('Lasted 1 hr 12 min')).toBeInTheDocument();
        expect(screen.getByText(/Peak: 5 participants/)).toBeInTheDocument();
        expect(screen.queryByText('Live')).not.toBeInTheDocument();
        expect(screen.queryByRole('button', {name: /join/i})).not.toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Start a new meeting'})).toBeEnabled();
        expect(screen.queryByText('This meeting has ended.')).not.toBeInTheDocument(); // the chip says it once
    });

    it('starts the new meeting in the ended card\'s channel and thread', async () => {
        const {client, win} = setup({id: 'reply9', root_id: 'card1', channel_id: 'chanX', props: liveProps({meeting_status: 'ended', meeting_ended_at: STARTED + 60_000})});
        fireEvent.click(screen.getByRole('button', {name: 'Start a new meeting'}));
        expect(client.executeCommand).toHaveBeenCalledWith(`/plugnmeet start --root card1 ${liveProps().meeting_topic}`, {channel_id: 'chanX', team_id: 'team1', root_id: 'card1'});
        await waitFor(() => expect(win.location.href).toBe('https://meet.example.com/?access_token=t1'));
    });

    it('in a read-only channel, runs the card\'s own join action and says where the link went', async () => {
        const {client, win} = setup({id: 'card1'});
        client.executeCommand.mockRejectedValueOnce(new ClientError('You do not have the appropriate permissions.', 403, 'api.context.permissions.app_error'));
        fireEvent.click(joinButton());
        await screen.findByText(/your personal link was posted here as a message only you can see/);
        expect(client.doPostAction).toHaveBeenCalledWith('card1', 'join');
        expect(win.close).toHaveBeenCalled();
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('reports a 403 as such when the card has no join action to fall back on', async () => {
        const {client} = setup({id: 'card1', props: liveProps({attachments: []})});
        client.executeCommand.mockRejectedValueOnce(new ClientError('no', 403, 'api.context.permissions.app_error'));
        fireEvent.click(joinButton());
        expect(await screen.findByRole('alert')).toHaveTextContent('You do not have permission to do this in this channel.');
        expect(client.doPostAction).not.toHaveBeenCalled();
    });

    it('says "less than a minute" for very short meetings', () => {
        setup({props: liveProps({meeting_status: 'ended', meeting_ended_at: STARTED + 20_000})});
        expect(screen.getByText('Lasted less than a minute')).toBeInTheDocument();
    });

    it('shows the date, not only the time, for a meeting from another day', () => {
        setup({props: liveProps({meeting_started_at: new Date(2026, 10, 20, 9, 5).getTime()})});
        expect(screen.getByText(/^Started by @alice · Nov 20, 9:05\sAM$/)).toBeInTheDocument();
    });

    it('renders sensibly with no props at all', () => {
        setup({props: undefined as unknown as Record<string, unknown>});
        expect(screen.getByRole('heading', {name: 'plugNmeet meeting'})).toBeInTheDocument();
        expect(screen.queryByText('Live')).not.toBeInTheDocument();
        expect(joinButton()).toBeDisabled();
        expect(screen.getByText('This card does not name a meeting.')).toBeInTheDocument();
    });

    it('ignores props of the wrong type instead of crashing or printing them', () => {
        setup({props: {
            plugnmeet_room_id: 'has spaces; /plugnmeet end',
            meeting_topic: {evil: true},
            meeting_status: 42,
            meeting_creator_username: ['x'],
            meeting_started_at: 'yesterday',
            meeting_participants: -3,
            attachments: 'nope',
        }});
        expect(screen.getByRole('heading', {name: 'plugNmeet meeting'})).toBeInTheDocument();
        expect(screen.queryByText(/participant/)).not.toBeInTheDocument();
        expect(screen.queryByText(/Started/)).not.toBeInTheDocument();
        expect(joinButton()).toBeDisabled();
    });

    it('shows the options a joiner meets, as small badges', () => {
        setup({props: liveProps({meeting_waiting_room: true, meeting_recorded: true, meeting_e2ee: true, meeting_duration_minutes: 90})});
        const badges = screen.getByRole('list', {name: 'Meeting options'});
        expect([...badges.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['Waiting room', 'Recorded', 'End-to-end encrypted', 'Up to 1 hr 30 min']);
    });

    it('shows only the options the card has, in the reader\'s language', () => {
        setup({props: liveProps({meeting_waiting_room: false, meeting_duration_minutes: 45})}, {locale: 'de'});
        expect(screen.getByRole('list', {name: 'Besprechungsoptionen'})).toHaveTextContent(/^Bis zu 45\sMin\.$/);
    });

    it('shows no option badges on a card from before options, nor once the meeting is over', () => {
        setup();
        expect(screen.queryByRole('list')).not.toBeInTheDocument();
        setup({id: 'p2', props: liveProps({meeting_status: 'ended', meeting_ended_at: STARTED + 60_000, meeting_waiting_room: true, meeting_duration_minutes: 45})});
        expect(screen.queryByRole('list')).not.toBeInTheDocument();
    });

    it('treats a card with an end time but no status as ended', () => {
        setup({props: liveProps({meeting_status: undefined, meeting_ended_at: STARTED + 600_000})});
        expect(screen.getByText('Ended')).toBeInTheDocument();
        expect(screen.getByText('Lasted 10 min')).toBeInTheDocument();
    });

    it('does not render the mobile fallback attachment', () => {
        setup();
        expect(screen.queryByText('Join on mobile')).not.toBeInTheDocument();
        expect(screen.getAllByRole('button')).toHaveLength(1);
    });

    it('takes its colours from the theme it is given', () => {
        const dark = {centerChannelBg: '#191b1f', centerChannelColor: '#e3e4e8', buttonBg: '#4a7ce8', buttonColor: '#ffffff', onlineIndicator: '#06d6a0'};
        setup({}, {theme: dark});
        const card = screen.getByTestId('plugnmeet-meeting-card');
        expect(card.style.getPropertyValue('--pnm-fg')).toBe('#e3e4e8');
        expect(card.style.getPropertyValue('--pnm-button-bg')).toBe('#4a7ce8');
        expect(card.style.getPropertyValue('--pnm-online')).toBe('#06d6a0');
        expect(card.style.getPropertyValue('--pnm-border')).toBe('rgba(227, 228, 232, 0.16)');
    });

    it('marks compact and RHS display so the stylesheet can tighten the layout', () => {
        setup({}, {compact: true, rhs: true});
        const card = screen.getByTestId('plugnmeet-meeting-card');
        expect(card).toHaveClass('plugnmeet-card--compact', 'plugnmeet-card--rhs');
    });

    it('speaks German when Mattermost does', () => {
        setup({props: liveProps({meeting_participants: 2})}, {locale: 'de'});
        expect(screen.getByText('2 Personen')).toBeInTheDocument();
        expect(screen.getByText(/^Gestartet von @alice · /)).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Beitreten'})).toBeEnabled();
    });
});

describe('MeetingCard join', () => {
    it('opens a window on click, runs /plugnmeet join and sends the window to goto_location', async () => {
        const {client, win, openWindow} = setup({id: 'card1', root_id: '', channel_id: 'chanX'});
        const answer = deferred<object>();
        client.executeCommand.mockReturnValueOnce(answer.promise);

        fireEvent.click(joinButton());

        // The window exists before the server has answered: popup blockers need that.
        expect(openWindow).toHaveBeenCalledTimes(1);
        expect(win.opener).toBeNull();
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet join room-abc_1', {channel_id: 'chanX', team_id: 'team1', root_id: 'card1'});
        expect(screen.getByRole('button', {name: 'Joining…'})).toBeDisabled();

        await act(async () => answer.resolve({goto_location: 'https://meet.example.com/?access_token=abc'}));
        expect(win.location.href).toBe('https://meet.example.com/?access_token=abc');
        expect(win.close).not.toHaveBeenCalled();
        expect(joinButton()).toBeEnabled();
    });

    it('uses the thread root when the card is itself a reply', async () => {
        const {client, win} = setup({id: 'card2', root_id: 'root9'});
        fireEvent.click(joinButton());
        expect(client.executeCommand.mock.calls[0][1].root_id).toBe('root9');
        await waitFor(() => expect(win.location.href).toBe('https://meet.example.com/?access_token=t1'));
    });

    it('closes the window and shows the reason when the command fails', async () => {
        const {client, win} = setup();
        client.executeCommand.mockRejectedValueOnce(new ClientError("Command with a trigger of 'plugnmeet' failed.", 500, 'api.command.execute_command.failed.app_error'));
        fireEvent.click(joinButton());
        expect(await screen.findByRole('alert')).toHaveTextContent('The plugNmeet service did not answer');
        expect(win.close).toHaveBeenCalled();
        expect(win.location.href).toBe('about:blank');
    });

    it('closes the window without repeating a text answer Mattermost already shows', async () => {
        const {client, win} = setup();
        client.executeCommand.mockResolvedValueOnce({response_type: 'ephemeral', text: 'This meeting has ended.'});
        fireEvent.click(joinButton());
        await waitFor(() => expect(win.close).toHaveBeenCalled());
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
        expect(joinButton()).toBeEnabled();
    });

    it('offers a link when the browser blocked the window', async () => {
        const {client, openWindow} = setup();
        openWindow.mockReturnValueOnce(null as unknown as Window);
        client.executeCommand.mockResolvedValueOnce({goto_location: 'https://meet.example.com/?access_token=xyz'});
        fireEvent.click(joinButton());
        const link = await screen.findByRole('link', {name: 'Open it here'});
        expect(link).toHaveAttribute('href', 'https://meet.example.com/?access_token=xyz');
        expect(link).toHaveAttribute('target', '_blank');
        expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));
        fireEvent.click(link);
        expect(screen.queryByRole('link')).not.toBeInTheDocument();
    });

    it('ignores a second click while the first join is on its way', () => {
        const {client, openWindow} = setup();
        client.executeCommand.mockReturnValueOnce(new Promise(() => undefined));
        fireEvent.click(joinButton());
        fireEvent.click(screen.getByRole('button', {name: 'Joining…'}));
        expect(openWindow).toHaveBeenCalledTimes(1);
        expect(client.executeCommand).toHaveBeenCalledTimes(1);
    });
});

describe('MeetingCard stale refresh', () => {
    beforeEach(() => {
        jest.useFakeTimers({now: NOW});
        window.localStorage.clear();
    });
    afterEach(() => jest.useRealTimers());

    it('asks for a refresh once when a live card has not been updated for a while', async () => {
        const stale = {id: 'stale1', update_at: NOW - STALE_AFTER_MS - 1000};
        const {client, rerender, post} = setup(stale);
        await act(async () => {
            jest.runOnlyPendingTimers();
        });
        expect(client.doPostAction).toHaveBeenCalledTimes(1);
        expect(client.doPostAction).toHaveBeenCalledWith('stale1', 'refresh');

        // The answer edits the post; a re-render (even one still "live" and old) does not ask again.
        rerender({...post, props: liveProps({meeting_participants: 4})});
        await act(async () => {
            jest.advanceTimersByTime(10 * STALE_AFTER_MS);
        });
        expect(client.doPostAction).toHaveBeenCalledTimes(1);
    });

    it('waits until a fresh live card becomes stale', async () => {
        const {client} = setup({id: 'fresh1', update_at: NOW - 1000});
        await act(async () => {
            jest.advanceTimersByTime(STALE_AFTER_MS - 2000);
        });
        expect(client.doPostAction).not.toHaveBeenCalled();
        await act(async () => {
            jest.advanceTimersByTime(2000);
        });
        expect(client.doPostAction).toHaveBeenCalledWith('fresh1', 'refresh');
    });

    it('measures staleness from the latest of update_at and edit_at', async () => {
        const {client} = setup({update_at: NOW - (10 * STALE_AFTER_MS), edit_at: NOW - 1000});
        await act(async () => {
            jest.advanceTimersByTime(STALE_AFTER_MS / 2);
        });
        expect(client.doPostAction).not.toHaveBeenCalled();
    });

    it.each([
        ['an ended card', {props: liveProps({meeting_status: 'ended', meeting_ended_at: STARTED + 60_000})}],
        ['a card without the refresh action', {props: liveProps({attachments: [{actions: [{id: 'join'}]}]})}],
        ['a card without attachments', {props: liveProps({attachments: undefined})}],
    ])('never refreshes %s', async (_name, overrides) => {
        const {client} = setup({update_at: NOW - (10 * STALE_AFTER_MS), ...overrides});
        await act(async () => {
            jest.advanceTimersByTime(10 * STALE_AFTER_MS);
        });
        expect(client.doPostAction).not.toHaveBeenCalled();
    });

    it('asks at most once a minute per card, however often it is mounted', async () => {
        const stale = {id: 'remounted', update_at: NOW - (10 * STALE_AFTER_MS)};
        const first = setup(stale);
        await act(async () => {
            jest.runOnlyPendingTimers();
        });
        expect(first.client.doPostAction).toHaveBeenCalledTimes(1);
        first.view.unmount();

        // Scrolled away and back (or another tab) within the minute: no second request.
        const second = setup(stale);
        await act(async () => {
            jest.runOnlyPendingTimers();
        });
        expect(second.client.doPostAction).not.toHaveBeenCalled();
        second.view.unmount();

        jest.setSystemTime(NOW + 61_000);
        const third = setup(stale, {now: () => NOW + 61_000});
        await act(async () => {
            jest.runOnlyPendingTimers();
        });
        expect(third.client.doPostAction).toHaveBeenCalledTimes(1);
    });

    it('does not refresh after the card is gone', async () => {
        const {client, view} = setup({update_at: NOW - 1000});
        view.unmount();
        await act(async () => {
            jest.advanceTimersByTime(10 * STALE_AFTER_MS);
        });
        expect(client.doPostAction).not.toHaveBeenCalled();
    });
});

describe('MeetingCard: a call in a DM or GM reads as finished (issue 25)', () => {
    const CARD = 'callcard1';
    const channels = {dm1: {id: 'dm1', type: 'D', team_id: ''}, town: {id: 'town', type: 'O', team_id: 'team1'}};
    const reply = (props: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => makePost({
        id: 'reply1', root_id: CARD, channel_id: 'dm1', type: '' as never, message: 'Missed call from alice: **Sprint review**. Nobody answered.',
        props: {plugnmeet_room_id: 'room-abc_1', meeting_status: 'ended', meeting_started_at: STARTED, meeting_ended_at: STARTED + (3 * 60_000), ...props}, ...extra,
    });

    function renderCall(posts: Record<string, unknown>, cardOverrides: Parameters<typeof makePost>[0] = {}) {
        const client = fakeClient();
        let state = {entities: {channels: {channels}, posts: {posts}}};
        const store = createStore((s: typeof state = state, action: {type: string; state?: typeof state}) => (action.type === 'set' ? action.state! : s));
        const post = makePost({id: CARD, channel_id: 'dm1', update_at: NOW - 1000, props: liveProps(), ...cardOverrides});
        renderWithIntl(
            <MeetingCard
                post={post}
                client={client}
                getTeamId={() => 'team1'}
                now={() => NOW}
            />,
            {store},
        );
        const arrive = (more: Record<string, unknown>) => act(() => {
            state = {entities: {channels: {channels}, posts: {posts: {...posts, ...more}}}};
            store.dispatch({type: 'set', state});
        });
        return {client, arrive};
    }

    it('missed: the bot\'s end reply turns the live card into a missed call, and asks once for the card\'s own update', async () => {
        const {client} = renderCall({reply1: reply({meeting_missed: true})});
        expect(screen.getByText('Missed call')).toBeInTheDocument();
        expect(screen.queryByText('Live')).not.toBeInTheDocument();
        expect(screen.queryByText(/^Lasted/)).not.toBeInTheDocument();
        expect(screen.queryByRole('button', {name: /join/i})).not.toBeInTheDocument();
        await waitFor(() => expect(client.doPostAction).toHaveBeenCalledWith(CARD, 'refresh'));
        expect(client.doPostAction).toHaveBeenCalledTimes(1);
    });

    it('answered: "Call ended" and how long it lasted, as soon as the reply arrives', () => {
        const {arrive} = renderCall({}, {id: CARD});
        expect(screen.getByText('Live')).toBeInTheDocument();
        arrive({reply1: reply()});
        expect(screen.getByText('Call ended')).toBeInTheDocument();
        expect(screen.getByText('Lasted 3 min')).toBeInTheDocument();
    });

    it('a card the sidecar already updated says missed by its own props', () => {
        renderCall({}, {props: liveProps({meeting_status: 'ended', meeting_ended_at: STARTED + 60_000, meeting_missed: true})});
        expect(screen.getByText('Missed call')).toBeInTheDocument();
    });

    it('an "ended" reply from anyone but the card\'s author, or in another thread, changes nothing', () => {
        renderCall({reply1: reply({meeting_missed: true}, {user_id: 'mallory'}), reply2: reply({}, {id: 'reply2', root_id: 'elsewhere'})});
        expect(screen.getByText('Live')).toBeInTheDocument();
        expect(screen.queryByText(/call/i)).not.toBeInTheDocument();
    });
});

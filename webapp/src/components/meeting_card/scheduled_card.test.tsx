import {act, fireEvent, screen, waitFor, within} from '@testing-library/react';
import React from 'react';

import MeetingCard from './meeting_card';

import {deferred, fakeClient, fakeWindow, makePost, renderWithIntl} from '../../../tests/test_utils';
import {ClientError} from '../../client/client';

const NOW = Date.UTC(2026, 10, 22, 11, 0);
const AT = Date.UTC(2026, 11, 3, 14, 0); // Thursday 3 December 2026, 15:00 in Berlin, 9:00 in New York
const CALENDAR = 'https://sidecar.example.com/plugnmeet/calendar/room-s1.ics?expires=1&sig=abc';

function scheduledProps(extra: Record<string, unknown> = {}) {
    return {
        plugnmeet_room_id: 'room-s1',
        meeting_topic: 'Weekly sync',
        meeting_status: 'scheduled',
        meeting_creator_id: 'u-planner',
        meeting_creator_username: 'planner',
        meeting_creator_display_name: 'Pat Planner',
        meeting_started_at: AT,
        meeting_participants: 0,
        meeting_scheduled_at: AT,
        meeting_recurrence: '',
        meeting_time_zone: 'Europe/Berlin',
        meeting_calendar_url: CALENDAR,
        meeting_watchers: 2,
        attachments: [{actions: [{id: 'join'}, {id: 'notify'}, {id: 'cancel'}]}],
        ...extra,
    };
}

// The reader's profile as Mattermost keeps it (model/user.go Timezone: string values).
function readerState({zone = 'America/New_York', userId = 'me', roles = 'system_user'} = {}) {
    return {
        entities: {
            teams: {currentTeamId: 'team1'},
            users: {currentUserId: userId, profiles: {[userId]: {id: userId, roles, timezone: {useAutomaticTimezone: 'false', manualTimezone: zone, automaticTimezone: ''}}}},
        },
    };
}

function setup(props: Record<string, unknown> = scheduledProps(), {state = readerState(), locale = 'en', now = NOW}: {state?: object; locale?: string; now?: number} = {}) {
    const client = fakeClient();
    const win = fakeWindow();
    const openWindow = jest.fn(() => win as unknown as Window);
    const post = makePost({id: 'post-s1', props});
    renderWithIntl(
        <MeetingCard
            post={post}
            client={client}
            getTeamId={() => 'team1'}
            windowOptions={{openWindow, desktop: false}}
            now={() => now}
        />,
        {state, locale},
    );
    return {client, win, openWindow, card: screen.getByTestId('plugnmeet-meeting-card')};
}

describe('the scheduled card', () => {
    it('shows the topic, who planned it, and when on the reader\'s clocks, not the planner\'s', () => {
        const {card} = setup();
        expect(card).toHaveAttribute('data-status', 'scheduled');
        expect(screen.getByRole('heading', {name: 'Weekly sync'})).toBeInTheDocument();
        expect(screen.getByText('Scheduled')).toBeInTheDocument();
        const when = card.querySelector('time')!;
        expect(when.textContent).toMatch(/^Thursday, December 3 · 9:00\sAM EST$/);
        expect(when).toHaveAttribute('dateTime', '2026-12-03T14:00:00.000Z');
        expect(screen.getByText('Scheduled by Pat Planner · 2 people will be reminded')).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Open early'})).toBeEnabled();
    });

    it('follows the reader\'s Mattermost zone, and says the year when it is not this one', () => {
        const {card} = setup(scheduledProps({meeting_scheduled_at: Date.UTC(2027, 0, 4, 8, 30)}), {state: readerState({zone: 'Europe/Berlin'})});
        expect(card.querySelector('time')!.textContent).toMatch(/^Monday, January 4, 2027 · 9:30\sAM GMT\+1$/);
    });

    it('speaks the reader\'s language', () => {
        const {card} = setup(scheduledProps({meeting_recurrence: 'week', meeting_watchers: 1}), {state: readerState({zone: 'Europe/Berlin'}), locale: 'de'});
        expect(card.querySelector('time')!.textContent).toBe('Donnerstag, 3. Dezember · 15:00 MEZ');
        expect(screen.getByText('Geplant')).toBeInTheDocument();
        expect(screen.getByText('Jede Woche')).toBeInTheDocument();
        expect(screen.getByText('Geplant von Pat Planner · 1 Person wird erinnert')).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Früher öffnen'})).toBeInTheDocument();
    });

    it('shows how it repeats and the options a joiner will meet', () => {
        setup(scheduledProps({meeting_recurrence: 'weekday', meeting_waiting_room: true, meeting_duration_minutes: 30, meeting_watchers: 0}));
        expect(screen.getByText('Every weekday (Mon–Fri)')).toBeInTheDocument();
        expect(within(screen.getByRole('list', {name: 'Meeting options'})).getAllByRole('listitem').map((li) => li.textContent)).toEqual(['Waiting room', 'Up to 30 min']);
        expect(screen.getByText('Scheduled by Pat Planner')).toBeInTheDocument();
    });

    it('joins within 15 minutes of its time (and so starts it early) through the same command as a live card', async () => {
        const {client, openWindow, win} = setup(scheduledProps(), {now: AT - (10 * 60_000)});
        fireEvent.click(screen.getByRole('button', {name: 'Join now'}));
        expect(openWindow).toHaveBeenCalledWith('');
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet join room-s1', {channel_id: 'chan1', team_id: 'team1', root_id: 'post-s1'});
        await waitFor(() => expect(win.location.href).toBe('https://meet.example.com/?access_token=t1'));
    });

    it('runs Notify me as the post\'s own button action', async () => {
        const {client} = setup();
        const answer = deferred<object>();
        client.doPostAction.mockReturnValueOnce(answer.promise);
        const notify = screen.getByRole('button', {name: 'Notify me'});
        fireEvent.click(notify);
        expect(client.doPostAction).toHaveBeenCalledWith('post-s1', 'notify');
        expect(notify).toBeDisabled();
        await act(async () => answer.resolve({status: 'OK'}));
        expect(notify).toBeEnabled();
    });

    it('says why a button action failed', async () => {
        const {client} = setup();
        client.doPostAction.mockRejectedValueOnce(new ClientError('nope', 500, 'api.post.do_action.action_integration.app_error'));
        fireEvent.click(screen.getByRole('button', {name: 'Notify me'}));
        expect(await screen.findByRole('alert')).toHaveTextContent('The plugNmeet service did not answer.');
    });

    it('links Add to calendar to the signed .ics, as a download in a new tab', () => {
        setup();
        const link = screen.getByRole('link', {name: 'Add to calendar'});
        expect(link).toHaveAttribute('href', CALENDAR);
        expect(link).toHaveAttribute('download');
        expect(link).toHaveAttribute('target', '_blank');
        expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    });

    it('offers no calendar link that is not http(s)', () => {
        setup(scheduledProps({meeting_calendar_url: 'javascript:alert(1)'}));
        expect(screen.queryByRole('link')).not.toBeInTheDocument();
    });

    it('lets the planner cancel after asking, and Keep it changes nothing', async () => {
        const {client} = setup(scheduledProps({meeting_creator_id: 'me'}));
        fireEvent.click(screen.getByRole('button', {name: 'Cancel meeting'}));
        const question = screen.getByRole('group', {name: 'Cancel this meeting for everyone?'});
        expect(within(question).getByRole('button', {name: 'Keep it'})).toHaveFocus();
        expect(screen.queryByRole('button', {name: 'Open early'})).not.toBeInTheDocument();
        fireEvent.click(within(question).getByRole('button', {name: 'Keep it'}));
        expect(client.doPostAction).not.toHaveBeenCalled();
        expect(screen.getByRole('button', {name: 'Cancel meeting'})).toHaveFocus();

        fireEvent.click(screen.getByRole('button', {name: 'Cancel meeting'}));
        fireEvent.click(screen.getByRole('button', {name: 'Yes, cancel'}));
        expect(client.doPostAction).toHaveBeenCalledWith('post-s1', 'cancel');
        await act(async () => undefined);
        expect(screen.getByRole('button', {name: 'Open early'})).toBeInTheDocument();
    });

    it('offers one occurrence or the whole series of a recurring meeting to an admin, behind one Cancel button', async () => {
        const {client} = setup(
            scheduledProps({meeting_recurrence: 'week', attachments: [{actions: [{id: 'join'}, {id: 'notify'}, {id: 'cancel'}, {id: 'cancel_series'}]}]}),
            {state: readerState({roles: 'system_user system_admin'})},
        );

        // Four controls in one row's worth, not four rows: Open early, Notify me, Add to calendar, Cancel.
        expect(screen.getAllByRole('button').map((b) => b.textContent)).toEqual(['Open early', 'Notify me', 'Cancel meeting']);
        fireEvent.click(screen.getByRole('button', {name: 'Cancel meeting'}));
        const question = screen.getByRole('group', {name: 'Cancel for everyone: only this meeting, or the whole series?'});
        expect(within(question).getByRole('button', {name: 'Keep it'})).toHaveFocus();
        fireEvent.click(within(question).getByRole('button', {name: 'This one'}));
        expect(client.doPostAction).toHaveBeenLastCalledWith('post-s1', 'cancel');
        await act(async () => undefined);
        fireEvent.click(screen.getByRole('button', {name: 'Cancel meeting'}));
        fireEvent.click(screen.getByRole('button', {name: 'Whole series'}));
        expect(client.doPostAction).toHaveBeenLastCalledWith('post-s1', 'cancel_series');
        await act(async () => undefined);
    });

    it('opens a meeting more than 15 minutes ahead only once confirmed, with `join <id> early`', async () => {
        const {client, openWindow} = setup();
        fireEvent.click(screen.getByRole('button', {name: 'Open early'}));
        expect(client.executeCommand).not.toHaveBeenCalled();
        expect(openWindow).not.toHaveBeenCalled();
        const question = screen.getByRole('group', {name: /^Open it now for everyone\? It is planned for Thursday, December 3 · 9:00\sAM EST\.$/});
        expect(within(question).getByRole('button', {name: 'Wait'})).toHaveFocus();
        fireEvent.click(within(question).getByRole('button', {name: 'Wait'}));
        expect(client.executeCommand).not.toHaveBeenCalled();
        expect(screen.getByRole('button', {name: 'Open early'})).toHaveFocus();
        fireEvent.click(screen.getByRole('button', {name: 'Open early'}));
        fireEvent.click(screen.getByRole('button', {name: 'Open now'}));
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet join room-s1 early', {channel_id: 'chan1', team_id: 'team1', root_id: 'post-s1'});
        await act(async () => undefined);
    });

    it('shows the reader whether they will be notified, and the button says what a click does', () => {
        setup(scheduledProps({meeting_watcher_ids: ['someone', 'me'], meeting_watchers: 2}));
        expect(screen.getByText('Scheduled by Pat Planner · 2 people will be reminded · You\'ll be notified')).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Stop notifying me'})).toHaveAttribute('aria-pressed', 'true');
    });

    it('says what a scheduled meeting waits for, and why one did not start', () => {
        setup(scheduledProps({meeting_blocked_by: 'Demo'}));
        expect(screen.getByText('Waiting: Demo is still live in this channel')).toBeInTheDocument();
    });

    it.each([
        ['busy', 'Demo was still live in this channel.'],
        ['refused', 'The server\'s meeting policy no longer allows it here.'],
        ['paused', 'Paused: Pat Planner may no longer start meetings here.'],
    ])('shows an occurrence that did not start (%s) with its reason and no buttons', (reason, line) => {
        const {card} = setup({
            ...scheduledProps(), meeting_status: 'ended', meeting_cancelled: true, meeting_not_started: reason, meeting_blocked_by: 'Demo', attachments: [{actions: []}],
        });
        expect(card).toHaveAttribute('data-status', 'cancelled');
        expect(screen.getByText('Did not start')).toBeInTheDocument();
        expect(screen.getByText(line)).toBeInTheDocument();
        expect(screen.queryByRole('button')).not.toBeInTheDocument();
    });

    it('offers no button the post does not have, even to the planner', () => {
        setup(scheduledProps({attachments: [{actions: [{id: 'join'}]}]}), {state: readerState({userId: 'u-planner'})});
        expect(screen.queryByRole('button', {name: 'Notify me'})).not.toBeInTheDocument();
        expect(screen.queryByRole('button', {name: 'Cancel meeting'})).not.toBeInTheDocument();
    });

    it('hides Cancel from people who are neither the planner nor admins', () => {
        setup();
        expect(screen.getByRole('button', {name: 'Notify me'})).toBeInTheDocument();
        expect(screen.queryByRole('button', {name: /cancel/i})).not.toBeInTheDocument();
    });

    it('shows a cancelled occurrence as such, with no buttons', () => {
        const {card} = setup({
            ...scheduledProps(), meeting_status: 'ended', meeting_cancelled: true, meeting_ended_at: AT, attachments: [{actions: []}],
        });
        expect(card).toHaveAttribute('data-status', 'cancelled');
        expect(screen.getByText('Cancelled')).toBeInTheDocument();
        expect(card.querySelector('time')!.textContent).toMatch(/^Thursday, December 3 · 9:00\sAM EST$/);
        expect(screen.queryByRole('button')).not.toBeInTheDocument();
        expect(screen.queryByRole('link')).not.toBeInTheDocument();
        expect(screen.queryByText(/Lasted/)).not.toBeInTheDocument();
    });

    it('renders without a time, and with the browser\'s zone when the profile has none', () => {
        setup(scheduledProps({meeting_scheduled_at: 'soon', meeting_started_at: undefined}), {state: {}});
        expect(screen.getByText('Scheduled')).toBeInTheDocument();
        expect(document.querySelector('time')).toBeNull();
    });

    it('still renders live and unknown cards as before', () => {
        setup(scheduledProps({meeting_status: 'live', meeting_participants: 3}));
        expect(screen.getByText('Live')).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Join meeting'})).toBeInTheDocument();
    });

    it('still renders a card with a status this version does not know', () => {
        setup(scheduledProps({meeting_status: 'postponed'}));
        expect(screen.getByTestId('plugnmeet-meeting-card')).toHaveAttribute('data-status', 'unknown');
        expect(screen.getByRole('button', {name: 'Join meeting'})).toBeEnabled();
    });
});

import {act, fireEvent, screen, waitFor} from '@testing-library/react';
import React from 'react';

import LivePanel, {REFRESH_EVERY_MS} from './live_panel';

import {deferred, fakeClient, fakeWindow, renderWithIntl} from '../../../tests/test_utils';
import {ClientError} from '../../client/client';
import {createLifecycle} from '../../stores/lifecycle';
import {createLiveStore} from '../../stores/live_store';
import LiveBadge from '../live_badge/live_badge';

const NOW = Date.UTC(2026, 10, 22, 11, 0);
const SHEET = {
    meetings: [{room_id: 'room-1', channel_id: 'chan2', topic: 'Design review', started_at: NOW - (28 * 60 * 1000), participants: 4, creator_display_name: 'Carol'}],
    recordings: [{record_id: 'REC_1', room_id: 'room-0', created_at: NOW - (60 * 60 * 1000), size_mb: 2048}],
};

function setup(answer: unknown = {text: '', props: {plugnmeet_live: SHEET}}, users: object = {}) {
    let state = {
        entities: {
            users,
            teams: {currentTeamId: 'team1'},
            channels: {currentChannelId: 'chan1', channels: {chan2: {id: 'chan2', type: 'O', display_name: 'Design', name: 'design', team_id: 'team1'}}},
        },
    };
    const listeners = new Set<() => void>();
    const client = fakeClient({executeCommand: jest.fn(async () => answer as never)});
    const lifecycle = createLifecycle();
    const live = createLiveStore();
    const win = fakeWindow();
    const openWindow = jest.fn(() => win as unknown as Window);
    const view = renderWithIntl(
        <>
            <LivePanel
                client={client}
                getState={() => state}
                subscribeState={(l) => {
                    listeners.add(l);
                    return () => listeners.delete(l);
                }}
                live={live}
                lifecycle={lifecycle}
                windowOptions={{openWindow, desktop: false}}
                now={() => NOW}
            />
            <LiveBadge
                live={live}
                channel={{id: 'chan2'}}
            />
        </>,
    );
    const switchTo = (channelId: string) => act(() => {
        state = {entities: {...state.entities, channels: {...state.entities.channels, currentChannelId: channelId}}};
        listeners.forEach((l) => l());
    });
    return {client, lifecycle, live, view, switchTo, openWindow, listeners};
}

describe('LivePanel', () => {
    beforeEach(() => jest.useFakeTimers({now: NOW}));
    afterEach(() => jest.useRealTimers());

    it('asks `/plugnmeet live` in the current channel and lists the meetings and recordings, with the badge', async () => {
        const {client} = setup();
        await screen.findByText('Design review');
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet live --quiet', {channel_id: 'chan1', team_id: 'team1', root_id: ''});
        const meeting = screen.getByRole('list', {name: 'Live now in this team'});
        expect(meeting).toHaveTextContent('Design');
        expect(meeting).toHaveTextContent('Since 10:32 AM · 4 participants');
        expect(meeting).toHaveTextContent('Started by Carol');
        expect(screen.getByRole('list', {name: 'Recordings in this channel'})).toHaveTextContent('10:00 AM · 2 GB');
        expect(screen.getByTestId('plugnmeet-live-badge')).toHaveAttribute('title', 'A plugNmeet meeting is live here');
    });

    it('names each recording (topic, start, length, id) and shows every time on the reader\'s Mattermost clocks', async () => {
        const newYork = {currentUserId: 'me', profiles: {me: {id: 'me', timezone: {useAutomaticTimezone: 'true', automaticTimezone: 'America/New_York', manualTimezone: ''}}}};
        const named = {...SHEET.recordings[0], topic: 'Sprint review', started_at: NOW - (2 * 60 * 60 * 1000), duration_ms: 47 * 60 * 1000, recording_id: 'REC_1'};
        setup({text: '', props: {plugnmeet_live: {...SHEET, recordings: [named]}}}, newYork);
        await screen.findByText('Design review');
        expect(screen.getByRole('list', {name: 'Live now in this team'})).toHaveTextContent('Since 5:32 AM · 4 participants');
        const recordings = screen.getByRole('list', {name: 'Recordings in this channel'});
        expect(recordings).toHaveTextContent('Recording: Sprint review');
        expect(recordings).toHaveTextContent('4:00 AM · Lasted 47 min · 2 GB');
        expect(recordings).toHaveTextContent('Recording ID: REC_1');
    });

    it('joins in the meeting\'s channel and downloads in this one', async () => {
        const {client, openWindow} = setup();
        await screen.findByText('Design review');
        fireEvent.click(screen.getByRole('button', {name: 'Join'}));
        expect(openWindow).toHaveBeenCalledWith('');
        expect(client.executeCommand).toHaveBeenLastCalledWith('/plugnmeet join room-1', {channel_id: 'chan2', team_id: 'team1', root_id: ''});
        fireEvent.click(screen.getByRole('button', {name: 'Download'}));
        expect(client.executeCommand).toHaveBeenLastCalledWith('/plugnmeet recordings REC_1 --quiet', {channel_id: 'chan1', team_id: 'team1', root_id: ''});
        await act(async () => undefined);
    });

    it('asks again every 30 s while open, on a switch of channel, and never after it closed', async () => {
        const {client, view, switchTo, listeners} = setup();
        await screen.findByText('Design review');
        expect(client.executeCommand).toHaveBeenCalledTimes(1);
        await act(async () => {
            jest.advanceTimersByTime(REFRESH_EVERY_MS);
        });
        expect(client.executeCommand).toHaveBeenCalledTimes(2);
        switchTo('chan2');
        expect(client.executeCommand).toHaveBeenLastCalledWith('/plugnmeet live --quiet', {channel_id: 'chan2', team_id: 'team1', root_id: ''});
        switchTo('chan2');
        expect(client.executeCommand).toHaveBeenCalledTimes(3);
        await act(async () => undefined);

        view.unmount();
        expect(listeners.size).toBe(0);
        jest.advanceTimersByTime(REFRESH_EVERY_MS * 3);
        expect(client.executeCommand).toHaveBeenCalledTimes(3);
    });

    it('says when the sidecar sent no list, or the command failed', async () => {
        setup({text: 'Usage: ...'});
        expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the live meetings The plugNmeet service sent no list.');
    });

    it('says why a command failed', async () => {
        const gate = deferred<never>();
        const {client} = setup();
        (client.executeCommand as jest.Mock).mockReset().mockReturnValue(gate.promise);
        fireEvent.click(screen.getByRole('button', {name: 'Refresh'}));
        await act(async () => gate.reject(new ClientError('forbidden', 403)));
        await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent('You do not have permission to do this in this channel.'));
    });

    it('lists this channel\'s scheduled meetings on the reader\'s clocks; Join only from 15 minutes before', async () => {
        const planned = {room_id: 'room-9', topic: 'Weekly sync', scheduled_at: Date.UTC(2026, 10, 26, 14, 0), recurrence: 'week'};
        const soon = {room_id: 'room-8', topic: 'Standup', scheduled_at: NOW + (10 * 60 * 1000), recurrence: ''};
        const {client} = setup({text: '', props: {plugnmeet_live: {...SHEET, upcoming: [soon, planned, {room_id: 'bad id!', topic: 'x', scheduled_at: 5}]}}});
        const list = await screen.findByRole('list', {name: 'Upcoming in this channel'});
        const [first, second] = [...list.querySelectorAll('li')];
        expect(list.querySelectorAll('li')).toHaveLength(2);
        expect(second.textContent).toContain('Weekly sync');
        expect(second.textContent).toMatch(/Thursday, November 26 · 2:00\sPM UTC · Every week/);
        expect(second.textContent).toContain('Join opens 15 minutes before');
        expect(second.querySelector('button')).toBeNull();
        fireEvent.click(first.querySelector('button')!);
        await waitFor(() => expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet join room-8', {channel_id: 'chan1', team_id: 'team1', root_id: ''}));
    });

    it('shows no upcoming section for an older sidecar\'s sheet', async () => {
        setup();
        await screen.findByRole('list', {name: 'Recordings in this channel'});
        expect(screen.queryByRole('list', {name: 'Upcoming in this channel'})).toBeNull();
    });
});

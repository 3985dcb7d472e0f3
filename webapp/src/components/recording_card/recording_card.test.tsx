import {act, fireEvent, screen} from '@testing-library/react';
import React from 'react';

import RecordingCard from './recording_card';

import {deferred, fakeClient, fakeWindow, makePost, renderWithIntl} from '../../../tests/test_utils';
import {ClientError} from '../../client/client';

const NOW = new Date(2026, 10, 22, 15, 0).getTime();

function setup(props: Record<string, unknown>, locale = 'en', state: object = {}) {
    const client = fakeClient();
    const win = fakeWindow();
    const openWindow = jest.fn(() => win as unknown as Window);
    renderWithIntl((
        <RecordingCard
            post={makePost({id: 'rec-post', root_id: 'card1', channel_id: 'chan1', type: 'custom_plugnmeet_recording' as never, props})}
            client={client}
            getTeamId={() => 'team1'}
            windowOptions={{openWindow, desktop: false}}
            now={() => NOW}
        />
    ), {locale, state});
    return {client, win, openWindow};
}

describe('RecordingCard', () => {
    const props = {
        plugnmeet_room_id: 'room1',
        plugnmeet_record_id: 'REC_42',
        recording_size_mb: 123.456,
        recording_created_at: new Date(2026, 10, 21, 16, 45).getTime(),
        attachments: [{actions: [{id: 'download', name: 'Download'}]}],
    };

    it('from an older sidecar, without a name: "Meeting recording", the upload time, size, id and one Download button', () => {
        setup(props);
        expect(screen.getByRole('heading', {name: 'Meeting recording'})).toBeInTheDocument();
        expect(screen.getByText(/^Nov 21, 4:45\sPM · 123\.5 MB$/)).toBeInTheDocument();
        expect(screen.getByText('Recording ID: REC_42')).toBeInTheDocument();
        expect(screen.getAllByRole('button')).toHaveLength(1);
    });

    it('names the recording: its meeting\'s topic, start on the reader\'s Mattermost clocks, length', () => {
        const tokyo = {entities: {users: {currentUserId: 'me', profiles: {me: {id: 'me', timezone: {useAutomaticTimezone: 'false', manualTimezone: 'Asia/Tokyo', automaticTimezone: ''}}}}}};
        const named = {...props, topic: 'Sprint review', started_at: Date.UTC(2026, 10, 21, 14, 5), duration_ms: 47 * 60_000, recording_id: 'REC_42'};
        setup(named, 'en', tokyo);
        expect(screen.getByRole('heading', {name: 'Recording: Sprint review'})).toBeInTheDocument();
        expect(screen.getByText(/^Nov 21, 11:05\sPM · Lasted 47 min · 123\.5 MB$/)).toBeInTheDocument();
        expect(screen.getByText('Recording ID: REC_42')).toBeInTheDocument();
    });

    it('reads the id from recording_id when plugnmeet_record_id is missing, and keeps a topic as text', () => {
        setup({recording_id: 'REC_7', topic: '<b>Retro</b>', recording_size_mb: 1}, 'de');
        expect(screen.getByRole('heading', {name: 'Aufnahme: <b>Retro</b>'})).toBeInTheDocument();
        expect(screen.getByText('Aufnahme-ID: REC_7')).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Herunterladen'})).toBeEnabled();
    });

    it('formats sizes above a gigabyte in GB and localizes numbers', () => {
        setup({...props, recording_size_mb: 2560}, 'de');
        expect(screen.getByText(/ · 2,5 GB$/)).toBeInTheDocument();
        expect(screen.getByRole('button', {name: 'Herunterladen'})).toBeEnabled();
    });

    it('runs /plugnmeet recordings <id> and opens the download link in the pre-opened window', async () => {
        const {client, win, openWindow} = setup(props);
        const answer = deferred<object>();
        client.executeCommand.mockReturnValueOnce(answer.promise);
        fireEvent.click(screen.getByRole('button', {name: 'Download'}));
        expect(openWindow).toHaveBeenCalledTimes(1);
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet recordings REC_42 --quiet', {channel_id: 'chan1', team_id: 'team1', root_id: 'card1'});
        await act(async () => answer.resolve({goto_location: 'https://meet.example.com/download/recording/tok'}));
        expect(win.location.href).toBe('https://meet.example.com/download/recording/tok');
    });

    it('explains a refusal from Mattermost', async () => {
        const {client, win} = setup(props);
        client.executeCommand.mockRejectedValueOnce(new ClientError('not found', 404, 'api.command.execute_command.not_found.app_error'));
        fireEvent.click(screen.getByRole('button', {name: 'Download'}));
        expect(await screen.findByRole('alert')).toHaveTextContent('Ask your system admin to set up /plugnmeet in this team.');
        expect(win.close).toHaveBeenCalled();
    });

    it('disables Download with a reason when the record id is missing or unsafe', () => {
        setup({recording_size_mb: 'big', plugnmeet_record_id: '../../etc'});
        expect(screen.getByRole('button', {name: 'Download'})).toBeDisabled();
        expect(screen.getByText('This recording is not available.')).toBeInTheDocument();
        expect(screen.queryByText(/MB/)).not.toBeInTheDocument();
    });
});

import {readLiveSheet} from './live_sheet';

describe('readLiveSheet', () => {
    it('keeps the well-formed meetings and recordings of `/plugnmeet live`', () => {
        const sheet = readLiveSheet({plugnmeet_live: {
            meetings: [
                {room_id: 'room-1', channel_id: 'chan1', topic: ' Review ', started_at: 1795000000000, participants: '3', creator_display_name: 'Alice'},
                {room_id: 'bad id', channel_id: 'chan1'},
                {room_id: 'room-2', channel_id: 'chan-with-dash'},
                null,
                {room_id: 'room-3', channel_id: 'chan3'},
            ],
            recordings: [
                {record_id: 'REC_1', room_id: 'room-1', created_at: 1795000000000, size_mb: 12.5},
                {record_id: '../x'},
                {record_id: 'REC_2', recording_id: 'REC_2', room_id: 'room-1', created_at: 1795000000000, size_mb: 1, topic: ' Review ', started_at: 1794990000000, duration_ms: 600000},
            ],
        }});
        expect(sheet).toEqual({
            meetings: [
                {room_id: 'room-1', channel_id: 'chan1', topic: 'Review', started_at: 1795000000000, participants: 3, creator_display_name: 'Alice'},
                {room_id: 'room-3', channel_id: 'chan3', topic: '', started_at: 0, participants: 0, creator_display_name: ''},
            ],
            recordings: [
                {record_id: 'REC_1', room_id: 'room-1', created_at: 1795000000000, size_mb: 12.5, name: {topic: '', startedAt: undefined, durationMs: undefined}},
                {record_id: 'REC_2', room_id: 'room-1', created_at: 1795000000000, size_mb: 1, name: {topic: 'Review', startedAt: 1794990000000, durationMs: 600000}},
            ],
            upcoming: [],
        });
    });

    it('is null when an older sidecar answered something else', () => {
        expect(readLiveSheet(undefined)).toBeNull();
        expect(readLiveSheet({join_url: 'x'})).toBeNull();
        expect(readLiveSheet({plugnmeet_live: 'x'})).toBeNull();
        expect(readLiveSheet({plugnmeet_live: {}})).toEqual({meetings: [], recordings: [], upcoming: []});
    });
});

import {endedByReply, hasPostAction, lastUpdatedAt, readMeeting, readRecording} from './post_props';

import {makePost} from '../../tests/test_utils';

describe('readMeeting', () => {
    it('reads every prop of a well-formed card', () => {
        const post = makePost({props: {
            plugnmeet_room_id: 'abcDEF-123_x',
            meeting_topic: '  Weekly sync  ',
            meeting_status: 'ended',
            meeting_creator_id: 'u1',
            meeting_creator_username: '@bob',
            meeting_creator_display_name: ' Bob Builder ',
            meeting_started_at: 1_790_000_000_000,
            meeting_ended_at: 1_790_000_600_000,
            meeting_participants: 4.0,
            meeting_guests: '2',
            attachments: [{actions: [{id: 'join'}, {id: 'refresh'}]}],
        }});
        expect(readMeeting(post)).toEqual({
            roomId: 'abcDEF-123_x',
            topic: 'Weekly sync',
            status: 'ended',
            creatorUsername: 'bob',
            creatorDisplayName: 'Bob Builder',
            startedAt: 1_790_000_000_000,
            endedAt: 1_790_000_600_000,
            participants: 4,
            hasRefreshAction: true,

            // A card from before meeting options: none of them.
            waitingRoom: false,
            recorded: false,
            e2ee: false,
            durationMinutes: undefined,

            // Not a scheduled card.
            creatorId: 'u1',
            scheduledAt: undefined,
            recurrence: '',
            timeZone: '',
            calendarUrl: '',
            watchers: undefined,
            cancelled: false,
            missed: false,
            watcherIds: [],
            blockedBy: '',
            notStarted: undefined,
            guests: 2, // two joined by a guest link
        });
    });

    it('reads who is notified, what a scheduled one waits for and why it did not start, only well-formed', () => {
        const info = readMeeting(makePost({props: {meeting_watcher_ids: ['abc123', 'bad id!', 7], meeting_blocked_by: ' Demo ', meeting_not_started: 'busy'}}));
        expect(info).toMatchObject({watcherIds: ['abc123'], blockedBy: 'Demo', notStarted: 'busy'});
        const odd = readMeeting(makePost({props: {meeting_watcher_ids: 'abc123', meeting_blocked_by: {}, meeting_not_started: 'late'}}));
        expect(odd).toMatchObject({watcherIds: [], blockedBy: '', notStarted: undefined});
    });

    it('reads a scheduled card (contracts/src/index.ts), and only well-formed values', () => {
        const info = readMeeting(makePost({props: {
            plugnmeet_room_id: 'room-1', meeting_status: 'scheduled', meeting_scheduled_at: 1_790_000_000_000, meeting_recurrence: 'weekday',
            meeting_time_zone: 'Europe/Berlin', meeting_calendar_url: 'https://sidecar.example.com/plugnmeet/calendar/abc.ics?sig=1', meeting_watchers: 3,
        }}));
        expect(info).toMatchObject({
            status: 'scheduled', scheduledAt: 1_790_000_000_000, recurrence: 'weekday', timeZone: 'Europe/Berlin',
            calendarUrl: 'https://sidecar.example.com/plugnmeet/calendar/abc.ics?sig=1', watchers: 3, cancelled: false,
        });
        const odd = readMeeting(makePost({props: {
            meeting_status: 'scheduled', meeting_scheduled_at: 1_790_000, meeting_recurrence: 'month', meeting_calendar_url: 'javascript:alert(1)', meeting_watchers: -1,
        }}));
        expect(odd).toMatchObject({status: 'scheduled', scheduledAt: undefined, recurrence: '', calendarUrl: '', watchers: undefined});
    });

    it('reads a cancelled occurrence: ended, with meeting_cancelled (sidecar/src/meetings/cards/scheduled.ts)', () => {
        const cancelled = {meeting_status: 'ended', meeting_cancelled: true, meeting_started_at: 1_790_000_000_000, meeting_ended_at: 1_790_000_000_000};
        expect(readMeeting(makePost({props: cancelled}))).toMatchObject({status: 'ended', cancelled: true});
        expect(readMeeting(makePost({props: {...cancelled, meeting_status: 'live'}})).cancelled).toBe(false);
        expect(readMeeting(makePost({props: {...cancelled, meeting_cancelled: 'yes'}})).cancelled).toBe(false);
    });

    it('reads the options a joiner meets, and only well-formed ones', () => {
        const info = readMeeting(makePost({props: {meeting_waiting_room: true, meeting_recorded: true, meeting_e2ee: true, meeting_duration_minutes: 45}}));
        expect(info).toMatchObject({waitingRoom: true, recorded: true, e2ee: true, durationMinutes: 45});
        const odd = readMeeting(makePost({props: {meeting_waiting_room: 'true', meeting_recorded: 1, meeting_e2ee: {}, meeting_duration_minutes: 0}}));
        expect(odd).toMatchObject({waitingRoom: false, recorded: false, e2ee: false, durationMinutes: undefined});
        expect(readMeeting(makePost({props: {meeting_duration_minutes: 10_000_000}})).durationMinutes).toBeUndefined();
        expect(readMeeting(makePost({props: {meeting_duration_minutes: '90'}})).durationMinutes).toBe(90);
    });

    it('accepts numbers that arrive as strings', () => {
        const info = readMeeting(makePost({props: {meeting_started_at: '1790000000000', meeting_participants: '2'}}));
        expect(info.startedAt).toBe(1_790_000_000_000);
        expect(info.participants).toBe(2);
    });

    it('drops values that cannot be right', () => {
        const info = readMeeting(makePost({props: {
            plugnmeet_room_id: 'x'.repeat(65),
            meeting_status: 'LIVE',
            meeting_started_at: 1_790_000_000, // seconds, not ms
            meeting_ended_at: NaN,
            meeting_participants: Infinity,
            meeting_topic: null,
        }}));
        expect(info).toMatchObject({roomId: '', topic: '', status: 'unknown', startedAt: undefined, endedAt: undefined, participants: undefined});
    });

    it('ignores an end time before the start', () => {
        const info = readMeeting(makePost({props: {meeting_status: 'live', meeting_started_at: 1_790_000_600_000, meeting_ended_at: 1_790_000_000_000}}));
        expect(info.endedAt).toBeUndefined();
        expect(info.status).toBe('live');
    });

    it('copes with a missing post or props', () => {
        expect(readMeeting(undefined).status).toBe('unknown');
        expect(readMeeting(makePost({props: [] as unknown as Record<string, unknown>})).roomId).toBe('');
    });
});

describe('readRecording', () => {
    it('reads id, size and date', () => {
        expect(readRecording(makePost({props: {plugnmeet_record_id: 'RM_1', recording_size_mb: 12.5, recording_created_at: 1_790_000_000_000}}))).
            toEqual({recordId: 'RM_1', sizeMb: 12.5, createdAt: 1_790_000_000_000, topic: '', startedAt: undefined, durationMs: undefined});
    });

    it('reads the name props: topic, start, length, and the id from recording_id when need be', () => {
        const props = {recording_id: 'RM_2', topic: '  Sprint review ', started_at: 1_790_000_000_000, duration_ms: '2820000', recording_size_mb: 3};
        expect(readRecording(makePost({props}))).toEqual({recordId: 'RM_2', sizeMb: 3, createdAt: undefined, topic: 'Sprint review', startedAt: 1_790_000_000_000, durationMs: 2_820_000});
        expect(readRecording(makePost({props: {...props, recording_id: '../x', started_at: 42, duration_ms: -5, topic: 7}}))).
            toEqual({recordId: '', sizeMb: 3, createdAt: undefined, topic: '', startedAt: undefined, durationMs: undefined});
    });
});

describe('helpers', () => {
    it('finds a button action by id in any attachment', () => {
        expect(hasPostAction(makePost({props: {attachments: [{}, {actions: [{id: 'refresh'}]}]}}), 'refresh')).toBe(true);
        expect(hasPostAction(makePost({props: {attachments: [{actions: 'refresh'}]}}), 'refresh')).toBe(false);
        expect(hasPostAction(makePost({props: {attachments: [null]}}), 'refresh')).toBe(false);
    });

    it('takes the latest of create, update and edit times', () => {
        expect(lastUpdatedAt(makePost({create_at: 5, update_at: 9, edit_at: 7}))).toBe(9);
        expect(lastUpdatedAt(undefined)).toBe(0);
    });
});

describe('endedByReply (issue 25)', () => {
    const live = readMeeting(makePost({props: {plugnmeet_room_id: 'r1', meeting_status: 'live', meeting_started_at: 1_790_000_000_000}}));

    it('reads the bot\'s end reply: ended, when, and whether it was missed', () => {
        const ended = endedByReply(live, makePost({props: {plugnmeet_room_id: 'r1', meeting_status: 'ended', meeting_ended_at: 1_790_000_180_000, meeting_missed: true}}));
        expect([ended.status, ended.endedAt, ended.missed]).toEqual(['ended', 1_790_000_180_000, true]);
    });

    it('an end before the start, or a reply from an older sidecar, is ended without a time or a miss', () => {
        const odd = endedByReply(live, makePost({props: {plugnmeet_room_id: 'r1', meeting_status: 'ended', meeting_ended_at: 1_789_000_000_000, meeting_missed: 'yes'}}));
        expect([odd.status, odd.endedAt, odd.missed]).toEqual(['ended', undefined, false]);
    });

    it('a card says missed only once ended', () => {
        expect(readMeeting(makePost({props: {meeting_status: 'live', meeting_missed: true}})).missed).toBe(false);
        expect(readMeeting(makePost({props: {meeting_status: 'ended', meeting_missed: true}})).missed).toBe(true);
    });
});

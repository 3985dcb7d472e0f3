// The one store interface. Async so that a networked backend (PostgreSQL) fits the same shape.

export type MeetingStatus = 'starting' | 'live' | 'ended';

export interface Meeting {
    roomId: string;
    channelId: string;
    teamId: string;
    rootId: string;
    postId: string;
    creatorId: string;
    creatorUsername: string;
    topic: string;
    status: MeetingStatus;
    startedAt: number; // ms
    endedAt: number | null; // ms
    participants: number; // online now while live, the peak once ended
    peakParticipants: number;
    updatedAt: number; // ms
}

export type NewMeeting = Pick<Meeting, 'roomId' | 'channelId' | 'teamId' | 'rootId' | 'creatorId' | 'creatorUsername' | 'topic' | 'startedAt'>;

export type Reservation = {ok: true} | {ok: false; existing: Meeting};

export interface CommandToken {
    teamId: string;
    token: string;
}

export interface Store {
    /**
     * Claims the channel for a new meeting (status "starting"). The store itself guarantees at most
     * one meeting that is not ended per channel; a second claim gets the existing meeting back.
     */
    reserveMeeting(m: NewMeeting): Promise<Reservation>;
    /** The card is posted: the meeting is live. */
    activateMeeting(roomId: string, postId: string): Promise<Meeting>;
    /** Drops a reservation whose start failed, so nothing is left half-done. */
    discardMeeting(roomId: string): Promise<void>;
    getMeeting(roomId: string): Promise<Meeting | undefined>;
    /** The meeting of this channel that is starting or live, if any. */
    openMeetingInChannel(channelId: string): Promise<Meeting | undefined>;
    liveMeetings(): Promise<Meeting[]>;
    /** Room ids of this channel's meetings, newest first: the filter for its recordings. */
    roomIdsInChannel(channelId: string, limit: number): Promise<string[]>;
    setParticipants(roomId: string, participants: number): Promise<Meeting | undefined>;
    /** Marks the meeting ended; returns it only if this call ended it (so side effects run once). */
    endMeeting(roomId: string, endedAt: number): Promise<Meeting | undefined>;
    /** True the first time a recording is claimed for posting: a redelivered webhook posts nothing. */
    claimRecording(recordId: string, roomId: string): Promise<boolean>;
    commandTokens(): Promise<CommandToken[]>;
    addCommandToken(t: CommandToken): Promise<void>;
    close(): Promise<void>;
}

/** A reservation older than this belongs to a start that crashed midway; it may be taken over. */
export const STALE_RESERVATION_MS = 2 * 60_000;

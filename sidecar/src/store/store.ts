// The one store interface. Async so that a networked backend (PostgreSQL) fits the same shape.
import type {MeetingOptions, Recurrence} from '@plugnmeet/contracts';
import type {ChannelType} from '../config/policy.js';

export type MeetingStatus = 'starting' | 'live' | 'ended';

export interface Meeting {
    roomId: string;
    channelId: string;
    teamId: string;
    rootId: string;
    postId: string;
    creatorId: string;
    creatorUsername: string;
    /** The starter's name as Mattermost showed it at the start ('' on meetings from before v5). */
    creatorName: string;
    /** The starter's language at the start: the card, its end notice and recordings are written in it. */
    creatorLocale: string;
    topic: string;
    status: MeetingStatus;
    startedAt: number; // ms
    endedAt: number | null; // ms
    participants: number; // online now while live, the peak once ended
    peakParticipants: number;
    updatedAt: number; // ms
    endedBy: string; // username of who ended it with /plugnmeet end, else ''
    /** Bumped on every change the card shows; the card is current when it shows this version. */
    version: number;
    endNoticePosted: boolean;
    /** visibleKey of what the card shows now: an edit that would show the same is skipped. */
    cardShown: string;
    /** Edits made to the card (each one is a row in Mattermost's database). */
    cardEdits: number;
    /** What the room was created with; undefined for meetings from before options (v6). */
    options: MeetingOptions | undefined;
    /** The AI summary (or the notice that it failed) is in the thread: the ended card stops saying it is on its way. */
    summaryPosted: boolean;
}

/**
 * A participant as the webhooks name them: the identity is the user_id of their join token. Who
 * joined a meeting is kept apart from it (since v11), read only where needed (meetingPeople).
 */
export interface PresentPerson {
    identity: string;
    name: string;
    online: boolean;
}

/**
 * A participant webhook (room_started, participant_joined, participant_left) for a meeting of
 * ours, applied in one write transaction: its id claimed, who came or went, the room's count.
 */
export interface ParticipantEvent {
    roomId: string;
    /** '' when plugNmeet sent none: then nothing is claimed. */
    eventId: string;
    receivedAt: number;
    /**
     * Who joined (online) or left: a newcomer is added after everyone who came before, while the
     * meeting has fewer than `cap` people; a known person's state changes, their name stays.
     */
    presence?: PresentPerson & {cap: number};
    /** The room's count: a live meeting's changes (see setParticipants), due on its card at `cardDueAt`. */
    participants: number;
    cardDueAt: number;
}

/** `ignored`: no meeting of ours has this room (nothing stored); `duplicate`: the id was claimed before (nothing changed). */
export type ParticipantOutcome = 'applied' | 'ignored' | 'duplicate';

/** Some of a meeting's people, in order of first arrival, and how many there are in all. */
export interface PeoplePage {
    people: PresentPerson[];
    total: number;
}

export type NewMeeting = Pick<Meeting, 'roomId' | 'channelId' | 'teamId' | 'rootId' | 'creatorId' | 'creatorUsername' | 'creatorName' | 'creatorLocale' | 'topic' | 'startedAt'> & {options?: MeetingOptions};

export type ScheduleStatus = 'scheduled' | 'live' | 'cancelled' | 'done';

/** A scheduled meeting: a series of one or more occurrences; the row is its current one. */
export interface Schedule {
    id: string;
    channelId: string;
    teamId: string;
    /** The channel's type when it was planned ('' for schedules from before v8). */
    channelType: ChannelType | '';
    /** The thread the series lives in: the first card's post, or the thread it was planned in. */
    rootId: string;
    /** The current occurrence's card ('' until posted). */
    postId: string;
    creatorId: string;
    creatorUsername: string;
    creatorName: string;
    creatorLocale: string;
    topic: string;
    options: MeetingOptions;
    /** The planner's IANA time zone: repeats keep its wall time across daylight-saving changes. */
    zone: string;
    recurrence: Recurrence;
    /** When the current occurrence starts (ms). */
    at: number;
    /** The room the current occurrence gets. */
    roomId: string;
    /** scheduled: waiting; live: its meeting runs; cancelled and done: over. */
    status: ScheduleStatus;
    reminded: boolean;
    createdAt: number;
    updatedAt: number;
}

export type NewSchedule = Omit<Schedule, 'status' | 'reminded' | 'createdAt' | 'updatedAt' | 'postId'>;

/** What changes when a schedule moves on: the fields given, if its status is still `from`. */
export type ScheduleChange = Partial<Pick<Schedule, 'status' | 'postId' | 'rootId' | 'at' | 'roomId' | 'reminded'>>;

/** A setting a system admin changed at runtime (`/plugnmeet admin set`): it wins over the environment. */
export interface StoredSetting {
    name: string;
    value: string;
    /** Username of the admin who set it. */
    updatedBy: string;
    updatedAt: number; // ms
}

/** A guest link (meetings/guests/): the link itself is never stored, only its token's sha256. */
export interface GuestInvite {
    /** Short and public: what `/plugnmeet invite list` shows and `revoke` takes. */
    id: string;
    tokenHash: string;
    roomId: string;
    inviterId: string;
    inviterName: string;
    createdAt: number;
    expiresAt: number;
    /** 0: no limit. */
    maxUses: number;
    uses: number;
    revoked: boolean;
}

/** Someone who joined through a guest link, under their own `guest-...` id. */
export interface Guest {
    guestId: string;
    inviteId: string;
    roomId: string;
    name: string;
    joinedAt: number;
}

export type Reservation = {ok: true} | {ok: false; existing: Meeting};

export interface CommandToken {
    teamId: string;
    token: string;
}

/** A leased card edit: the meeting as stored, and how many edits of it failed in a row. */
export type CardJob = Meeting & {cardAttempts: number};

export interface CardClaim {
    owner: string;
    now: number;
    leaseMs: number;
    limit: number;
    /** Ignore due times and back-off (shutdown, tests). */
    force?: boolean;
    /** Only this meeting. */
    roomId?: string;
}

export interface Store {
    /**
     * Claims the channel for a new meeting (status "starting"). The store itself guarantees at most
     * one meeting that is not ended per channel; a second claim gets the existing meeting back.
     */
    reserveMeeting(m: NewMeeting): Promise<Reservation>;
    /** The card is posted, showing `cardShown`: the meeting is live. */
    activateMeeting(roomId: string, postId: string, cardShown: string): Promise<Meeting>;
    /** Drops a reservation whose start failed, so nothing is left half-done. */
    discardMeeting(roomId: string): Promise<void>;
    getMeeting(roomId: string): Promise<Meeting | undefined>;
    /** The meeting of this channel that is starting or live, if any. */
    openMeetingInChannel(channelId: string): Promise<Meeting | undefined>;
    liveMeetings(): Promise<Meeting[]>;
    /** Meetings still "starting" since before `before` (ms): starts that crashed midway. */
    staleReservations(before: number): Promise<Meeting[]>;
    /** Room ids of this channel's meetings, newest first: the filter for its recordings. */
    roomIdsInChannel(channelId: string, limit: number): Promise<string[]>;
    /**
     * Sets a live meeting's count (the peak follows). A change makes its card due for an edit at
     * `cardDueAt`, or earlier if an edit is already due: that is how bursts are coalesced.
     */
    setParticipants(roomId: string, participants: number, cardDueAt: number): Promise<Meeting | undefined>;
    /**
     * Marks the meeting ended, its card due at once; returns it only if this call ended it (so side
     * effects run once).
     */
    endMeeting(roomId: string, endedAt: number, endedBy?: string): Promise<Meeting | undefined>;
    /** The "meeting ended" thread reply is posted. */
    markEndNoticePosted(roomId: string): Promise<void>;

    /**
     * Leases meetings whose card is behind their state and due (any due time when `force`), so that
     * one replica edits each card. A lease that expires (a crashed replica) frees the card again.
     */
    claimCardEdits(c: CardClaim): Promise<CardJob[]>;
    /**
     * The card shows `version` (`shown`: its visibleKey, and whether an edit was made for it). If the
     * meeting changed meanwhile its card stays pending, due at `nextDueAt`; the lease is released either way.
     */
    cardEditDone(roomId: string, owner: string, version: number, nextDueAt: number, shown: {key: string; edited: boolean}): Promise<void>;
    /** The edit failed: try again at `retryAt`. Returns how many attempts failed in a row. */
    cardEditFailed(roomId: string, owner: string, retryAt: number): Promise<number>;
    /** How many cards are behind their meeting's state. */
    pendingCardEdits(): Promise<number>;
    /** A click's answer made Mattermost show `key` on the card (an edit, counted): no lease needed. */
    cardShownByClick(roomId: string, key: string): Promise<void>;

    /** True the first time a recording is claimed for posting: a redelivered webhook posts nothing. */
    claimRecording(recordId: string, roomId: string): Promise<boolean>;
    /** Gives a claim back when posting failed, so a redelivery can try again. */
    releaseRecording(recordId: string): Promise<void>;
    /** The recording's post exists: its Download button works only on that post. */
    setRecordingPost(recordId: string, postId: string): Promise<void>;
    /** Where a recording was posted; undefined when it was not (yet). */
    recordingPost(recordId: string): Promise<{roomId: string; postId: string} | undefined>;
    /**
     * Applies a participant webhook at once or not at all (a failure claims nothing, so plugNmeet's
     * retry applies it). Each person is a row changed in SQL: replicas never lose each other's change.
     */
    participantEvent(e: ParticipantEvent): Promise<ParticipantOutcome>;
    /** The meeting's first `limit` people (those online only, unless `everyone`), and how many in all. */
    meetingPeople(roomId: string, o: {everyone: boolean; limit: number}): Promise<PeoplePage>;
    /** The summary is in the thread: the card is due for an edit now (once; false if it already was). */
    markSummaryPosted(roomId: string): Promise<boolean>;
    /** True the first time an artifact of the recap is claimed for posting: a redelivery or the catch-up posts nothing. */
    claimArtifact(artifactId: string, roomId: string, kind: string): Promise<boolean>;
    /** Gives a claim back when posting failed for now, so a redelivery or the catch-up can try again. */
    releaseArtifact(artifactId: string): Promise<void>;
    /** The artifact's post (or the notice that it could not be posted) exists. */
    setArtifactPost(artifactId: string, postId: string): Promise<void>;
    /** The kinds of artifact claimed for this room (posted or being posted). */
    artifactKinds(roomId: string): Promise<string[]>;
    /** Meetings that ended at or after `since` (ms), newest first: the recap's catch-up. */
    endedSince(since: number): Promise<Meeting[]>;
    /** True the first time any replica sees this webhook event id. */
    claimEvent(eventId: string, now: number): Promise<boolean>;
    releaseEvent(eventId: string): Promise<void>;
    /** Forgets event ids received before `before` (plugNmeet retries within minutes). */
    pruneEvents(before: number): Promise<void>;
    /** A named lease for work only one replica should do at a time (the reconciler); renewable by its owner. */
    tryLease(name: string, owner: string, now: number, ttlMs: number): Promise<boolean>;
    commandTokens(): Promise<CommandToken[]>;
    addCommandToken(t: CommandToken): Promise<void>;
    /** Binds a hand-made token to the team that first uses it; returns the binding that holds (maybe an older one). */
    bindCommandToken(t: CommandToken): Promise<CommandToken>;
    addSchedule(s: NewSchedule): Promise<Schedule>;
    getSchedule(id: string): Promise<Schedule | undefined>;
    /** The schedule whose current occurrence gets this room. */
    scheduleByRoom(roomId: string): Promise<Schedule | undefined>;
    /** Scheduled and live ones in a channel, soonest first. */
    schedulesInChannel(channelId: string): Promise<Schedule[]>;
    /** Scheduled ones starting at or before `until` (reminders and starts); live ones (to follow their meeting). */
    dueSchedules(until: number): Promise<Schedule[]>;
    /** How many scheduled (not yet started) ones a planner has, or a channel has: the caps. */
    countUpcomingSchedules(by: {creatorId: string} | {channelId: string}): Promise<number>;
    /**
     * Applies `change` only if the schedule is still in `from` at `at` (the occurrence; and, when
     * given, not yet reminded or reminded): what makes
     * each reminder and start happen once across replicas. True when this call changed it.
     */
    moveSchedule(id: string, from: {status: ScheduleStatus; at: number; reminded?: boolean}, change: ScheduleChange): Promise<boolean>;
    /** Adds or removes a person from those reminded; true when they are now in. */
    toggleWatcher(scheduleId: string, userId: string, username: string): Promise<boolean>;
    watchers(scheduleId: string): Promise<Array<{userId: string; username: string}>>;
    /** The settings admins changed at runtime. */
    settings(): Promise<StoredSetting[]>;
    /** Sets (or, with `value` null, removes) a runtime setting. */
    putSetting(s: StoredSetting | {name: string; value: null}): Promise<void>;
    addGuestInvite(i: Omit<GuestInvite, 'uses' | 'revoked'>): Promise<void>;
    guestInviteByHash(tokenHash: string): Promise<GuestInvite | undefined>;
    /** A meeting's links, oldest first. */
    guestInvitesOfRoom(roomId: string): Promise<GuestInvite[]>;
    /** True when this call revoked the meeting's link `id`. */
    revokeGuestInvite(roomId: string, id: string): Promise<boolean>;
    /** Counts one use if the link is unrevoked, unexpired at `now` and has uses left: true when it did (one winner per last use). */
    takeGuestInviteUse(id: string, now: number): Promise<boolean>;
    addGuest(g: Guest): Promise<void>;
    /** How many guests of this meeting arrived (their arrival claimed): what its card counts. */
    guestCount(roomId: string): Promise<number>;
    /** The guest the first time their arrival is claimed; undefined for a reconnect, or an id that is no guest of ours. */
    claimGuestArrival(guestId: string): Promise<(Guest & {inviterName: string}) | undefined>;
    /** The newest migration applied and the newest this code knows (doctor checks they match). */
    schemaVersion(): Promise<{applied: number; latest: number}>;
    close(): Promise<void>;
}

export interface StoreOptions {
    /**
     * Apply the migrations this code knows before use: the sidecar's start and `migrate` do; `doctor`
     * does not (it only reports a schema that is behind).
     */
    migrate: boolean;
}

/** A reservation older than this belongs to a start that crashed midway; it may be taken over. */
export const STALE_RESERVATION_MS = 2 * 60_000;

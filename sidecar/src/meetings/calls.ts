// Calling: what the webapp's live panel lists (`/plugnmeet live`) and a declined call
// (`/plugnmeet decline <meeting id>`). The panel's data comes back in the command's props, checked
// against what the asker can read; nothing is posted for it.
import {LIVE_SHEET_PROP, type LiveSheet} from '@plugnmeet/contracts';
import type {Mattermost} from '../mattermost/bot.js';
import type {Meeting, Store} from '../store/store.js';
import type {Access} from './access.js';
import {inert} from './cards/render.js';
import {UserError} from './errors.js';
import type {People, Person} from './people.js';
import {recordingItem, type Recordings} from './recordings.js';
import type {Scope, Scopes} from './scope.js';

const MAX_LISTED_MEETINGS = 50;
const MAX_LISTED_RECORDINGS = 5;
const MAX_LISTED_UPCOMING = 10;
const ROOM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface CallsDeps {
    store: Store;
    access: Access;
    /** The channel cache: what the bot can read of a channel. */
    scopes: Pick<Scopes, 'channelInfo'>;
    recordings: Recordings;
    people: People;
    mattermost: Pick<Mattermost, 'createPost'>;
    now: () => number;
}

export function createCalls(deps: CallsDeps) {
    const {store, access, scopes, recordings, people, mattermost, now} = deps;

    /**
     * The team's live meetings the person can read, newest first, up to the listing limit: checked
     * one at a time through the channel cache, so an open panel (it asks every 30 s) reads Mattermost
     * only for channels not seen for a while, and never for meetings past the limit.
     */
    async function readableLive(me: Person, scope: Scope): Promise<Meeting[]> {
        const live = (await store.liveMeetings()).filter((m) => m.teamId !== '' && m.teamId === scope.teamId).reverse();
        const listed: Meeting[] = [];
        for (const m of live) {
            // eslint-disable-next-line no-await-in-loop -- one at a time: stop at the limit, cache hits are free
            if (await access.canRead(await scopes.channelInfo(m.channelId).catch(() => undefined), m.channelId, m.teamId, me)) {
                listed.push(m);
                if (listed.length === MAX_LISTED_MEETINGS) {
                    break;
                }
            }
        }
        return listed;
    }

    return {
        /** The live meetings of the scope's team in channels the person can read; this channel's recent recordings and scheduled meetings. */
        async live(me: Person, scope: Scope): Promise<Record<string, LiveSheet>> {
            const meetings = await readableLive(me, scope);
            const names = await Promise.all(meetings.map((m) => (m.creatorName ? m.creatorName : people.nameOf(m.creatorUsername))));
            const list = await recordings.named((await recordings.ofChannel(scope).catch(() => [])).slice(0, MAX_LISTED_RECORDINGS));
            const planned = (await store.schedulesInChannel(scope.channelId)).filter((s) => s.status === 'scheduled');
            return {
                [LIVE_SHEET_PROP]: {
                    meetings: meetings.map((m, i) => ({
                        room_id: m.roomId, channel_id: m.channelId, topic: m.topic, started_at: m.startedAt, participants: m.participants, creator_display_name: names[i],
                    })),
                    recordings: list.map((r) => ({
                        record_id: r.recordId, room_id: r.roomId, created_at: r.createdAt * 1000, size_mb: r.fileSizeMb, ...recordingItem(r),
                    })),
                    upcoming: planned.slice(0, MAX_LISTED_UPCOMING).map((s) => ({room_id: s.roomId, topic: s.topic, scheduled_at: s.at, recurrence: s.recurrence})),
                },
            };
        },

        /**
         * Tells the caller that this person will not join: a reply in the card's thread, which the
         * caller is notified of. (An ephemeral post to the caller would need create_post_ephemeral,
         * which only system admins have; the bot's post:all covers a reply.) Once per person and call.
         */
        async decline(me: Person, scope: Pick<Scope, 'channelId'>, roomId: string): Promise<DeclineOutcome> {
            const m = ROOM_ID.test(roomId) ? await store.getMeeting(roomId) : undefined;
            if (!m || m.channelId !== scope.channelId) {
                throw new UserError('plugnmeet.reply.no_such_meeting');
            }
            if (m.status !== 'live' || me.userId === m.creatorId) {
                return m.status === 'live' ? 'own' : 'over'; // nothing to tell the caller
            }
            // The webhook event ids' table: claimed once across replicas, pruned with them.
            if (!(await store.claimEvent(`decline:${m.roomId}:${me.userId}`, now()))) {
                return 'declined';
            }
            const starter = await people.byId(m.creatorId, m.creatorUsername);
            await mattermost.createPost({
                channel_id: m.channelId, root_id: m.rootId || m.postId, type: '', props: {},
                message: starter.t('plugnmeet.post.declined', {name: inert(me.name), topic: inert(m.topic)}),
            });
            return 'declined';
        },
    };
}

export type Calls = ReturnType<typeof createCalls>;

/** What a decline did: told the caller (once), or nothing, as the call is over or the decliner's own. */
export type DeclineOutcome = 'declined' | 'over' | 'own';

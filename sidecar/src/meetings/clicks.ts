// A card button's click, once the route has checked its signature: is the context still in its
// place (channel, post, button, time), and then join, refresh, download or start again. The
// answer is what Mattermost applies: a text for the clicker only, and maybe the card's new props.
import type {ButtonAction, ButtonContext} from '@plugnmeet/contracts';
import type {Meeting, Store} from '../store/store.js';
import type {Access} from './access.js';
import type {Calls} from './calls.js';
import {inert, personalLink, visibleKey} from './cards/render.js';
import type {CardUpdates} from './cards/updater.js';
import {UserError} from './errors.js';
import type {MessageId} from './i18n.js';
import type {Lifecycle} from './lifecycle.js';
import {againOptions} from './options.js';
import type {People, Person} from './people.js';
import type {PolicySource} from './policy-source.js';
import type {Recordings} from './recordings.js';
import type {Schedules} from './schedules/schedules.js';
import type {Scopes} from './scope.js';

export interface Click {
    userId: string;
    username: string;
    /** Signed by us; `expired` when past its time (or a legacy context). */
    context: Pick<ButtonContext, 'action' | 'room_id' | 'channel_id' | 'record_id'> & {post_id?: string; expires_at?: number};
    expired: boolean;
    channelId: string;
    /** As Mattermost's PostActionIntegrationRequest names them ('' for DMs and GMs' team). */
    channelName: string;
    teamId: string;
    teamName: string;
    postId: string;
    /** The action named in the integration URL, when there is one. */
    urlAction?: ButtonAction;
}

export interface ClickAnswer {
    /** `unknown`: the meeting is gone or of another channel (not counted). */
    outcome: 'handled' | 'out_of_date' | 'unknown';
    ephemeral_text?: string;
    update?: {message: string; props: object};
}

/**
 * A card whose buttons' contexts expire within this long is rendered again (new contexts) even when
 * nothing people see changed; otherwise a click answers with no update (each update is an edit row in
 * Mattermost and a post_edited to the whole channel).
 */
const RENEW_CONTEXTS_WITHIN_MS = 24 * 60 * 60_000;

/** What an out-of-date button says instead, with the command that does the same. */
const OUT_OF_DATE: Record<ButtonAction, MessageId> = {
    join: 'plugnmeet.reply.out_of_date_join',
    refresh: 'plugnmeet.reply.out_of_date_join',
    download: 'plugnmeet.reply.out_of_date_download',
    start: 'plugnmeet.reply.out_of_date_start',
    notify: 'plugnmeet.reply.out_of_date_schedule',
    cancel: 'plugnmeet.reply.out_of_date_schedule',
    cancel_series: 'plugnmeet.reply.out_of_date_schedule',
    decline: 'plugnmeet.reply.out_of_date_join',
};

export interface ClicksDeps {
    store: Store;
    cards: CardUpdates;
    lifecycle: Lifecycle;
    recordings: Recordings;
    people: People;
    scopes: Scopes;
    access: Access;
    policy: PolicySource;
    schedules: Schedules;
    calls: Pick<Calls, 'decline'>;
    now: () => number;
}

export function createClicks(deps: ClicksDeps) {
    const {store, cards, lifecycle, recordings, people, scopes, access, policy, schedules, calls, now} = deps;

    /**
     * The card as it shows `m` now, for Mattermost to apply: only when it differs from what the card
     * shows (the store knows: the card updater's edits and earlier clicks' updates), or when the
     * clicked button's context is near its expiry. Mattermost applies it whatever the channel, so
     * it is what the card shows from then on.
     */
    async function updateIfChanged(m: Meeting, click: Click): Promise<Pick<ClickAnswer, 'update'>> {
        const update = await cards.render(m);
        const key = visibleKey(update.props);
        const expiresAt = click.context.expires_at ?? 0;
        if (key === m.cardShown && expiresAt - now() > RENEW_CONTEXTS_WITHIN_MS) {
            return {};
        }
        await store.cardShownByClick(m.roomId, key);
        return {update};
    }

    /** A context made before its post existed names none: the store knows which post it belongs on. */
    async function isOwnPost(m: Pick<Meeting, 'roomId' | 'postId'>, c: Click['context'], postId: string): Promise<boolean> {
        if (c.action !== 'download') {
            return postId !== '' && postId === m.postId;
        }
        const posted = await recordings.postOf(c.record_id ?? '');
        return posted !== undefined && posted.roomId === m.roomId && posted.postId === postId;
    }

    /** The answer to a click, in the clicker's language. */
    async function handle(click: Click): Promise<ClickAnswer> {
        const {context, channelId, postId} = click;
        const me = await people.byId(click.userId, click.username);
        const {t} = me;
        // Ours and signed, but copied: to another channel, post or button, or kept past its time.
        const stored = await store.getMeeting(context.room_id);
        // No room yet: a scheduled meeting's card.
        const planned = stored ? undefined : await store.scheduleByRoom(context.room_id);
        const owner = stored ?? planned;
        const misplaced = click.expired || context.channel_id !== channelId ||
            (click.urlAction !== undefined && click.urlAction !== context.action) ||
            (owner !== undefined && (context.post_id ? context.post_id !== postId : !(await isOwnPost(owner, context, postId))));
        if (misplaced) {
            return {outcome: 'out_of_date', ephemeral_text: t(OUT_OF_DATE[context.action])};
        }
        if (planned && planned.channelId === channelId) {
            try {
                const scope = await scopes.resolve({channelId, teamId: click.teamId || planned.teamId, channelName: click.channelName, userId: click.userId});
                return {outcome: 'handled', ...(await schedules.click(context.action, planned, me, scope))};
            } catch (err) {
                if (err instanceof UserError) {
                    return {outcome: 'handled', ephemeral_text: err.in(t)};
                }
                throw err;
            }
        }
        if (!stored || stored.channelId !== channelId) {
            return {outcome: 'unknown', ephemeral_text: t('plugnmeet.reply.unknown_meeting')};
        }
        try {
            return {outcome: 'handled', ...(await act(click, stored, me))};
        } catch (err) {
            if (!(err instanceof UserError)) {
                throw err;
            }
            if (context.action !== 'join') {
                return {outcome: 'handled', ephemeral_text: err.in(t)};
            }
            const latest: Meeting = err.meeting ?? stored;
            return {outcome: 'handled', ephemeral_text: err.in(t), ...(await updateIfChanged((await store.getMeeting(latest.roomId)) ?? latest, click))};
        }
    }

    async function act(click: Click, stored: Meeting, me: Person): Promise<Omit<ClickAnswer, 'outcome'>> {
        const {context} = click;
        const {t} = me;
        switch (context.action) {
        case 'download': {
            const link = await recordings.linkFor(stored, context.record_id ?? '');
            return {ephemeral_text: t('plugnmeet.reply.download_link', {topic: inert(stored.topic), link: personalLink(t('plugnmeet.recording.download'), link)})};
        }
        case 'refresh': {
            const meeting = await cards.refresh(stored).catch(() => stored);
            return updateIfChanged((await store.getMeeting(meeting.roomId)) ?? meeting, click);
        }
        case 'start':
            return startAgain(click, stored, me);
        case 'decline': {
            // The mobile card's Decline of a ringing call (the webapp's dialog types the command).
            if (stored.status === 'ended') {
                return {ephemeral_text: t('plugnmeet.reply.meeting_ended', {topic: inert(stored.topic)}), ...(await updateIfChanged(stored, click))};
            }
            if (me.userId === stored.creatorId) {
                return {ephemeral_text: t('plugnmeet.reply.own_call')};
            }
            await calls.decline(me, stored, stored.roomId);
            return {ephemeral_text: t('plugnmeet.reply.declined')};
        }
        case 'notify':
        case 'cancel':
        case 'cancel_series':
            // A scheduled card whose room has started (or ended) since it was rendered.
            return {ephemeral_text: t(stored.status === 'ended' ? 'plugnmeet.schedule.gone' : 'plugnmeet.schedule.already_live')};
        default: {
            const [joinUrl, meeting] = await Promise.all([
                lifecycle.join(stored, me),
                cards.refresh(stored).catch(() => stored),
            ]);
            return {
                ephemeral_text: t('plugnmeet.reply.join_link', {topic: inert(meeting.topic), link: personalLink(t('plugnmeet.reply.join_link_label'), joinUrl)}),
                ...(await updateIfChanged((await store.getMeeting(meeting.roomId)) ?? meeting, click)),
            };
        }
        }
    }

    /**
     * The ended card's "Start a new meeting" (web and mobile): same channel, thread, topic and
     * options, under the policy as it is now.
     */
    async function startAgain(click: Click, ended: Meeting, caller: Person): Promise<Omit<ClickAnswer, 'outcome'>> {
        const {t} = caller;
        const scope = await scopes.resolve({channelId: click.channelId, teamId: click.teamId || ended.teamId, channelName: click.channelName, userId: click.userId});
        const rules = await policy.current();
        await access.assertMayStart(caller, {scope, teamName: click.teamName}, rules);
        const result = await lifecycle.start({
            caller, channelId: ended.channelId, teamId: ended.teamId, rootId: ended.rootId, topic: ended.topic, options: againOptions(rules, ended.options),
        });
        if (!result.started) {
            return {ephemeral_text: t('plugnmeet.reply.already_open', {topic: inert(result.meeting.topic)})};
        }
        return {ephemeral_text: t('plugnmeet.reply.started_again', {topic: inert(ended.topic), link: personalLink(t('plugnmeet.reply.join_link_label'), result.joinUrl)})};
    }

    return {handle};
}

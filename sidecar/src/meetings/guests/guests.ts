// Guests: people without a Mattermost account join a live meeting through a link a channel member
// made (`/plugnmeet invite`). The link is the credential (links.ts); whether it still works is
// decided here, at every use, from the store: revoked, expired, used up, or its meeting over all
// read as "no longer valid", the same as a link that never existed. A guest gets a plugNmeet token
// of their own: never admin, a fresh `guest-...` id, their name marked as a guest, the admin's
// guest locks. Their arrival is told once in the meeting's thread.
import type {GuestLock} from '../../config/policy.js';
import type {Mattermost} from '../../mattermost/bot.js';
import type {PlugnmeetClient} from '../../plugnmeet/client.js';
import type {GuestInvite, Meeting, Schedule, Store} from '../../store/store.js';
import type {Access} from '../access.js';
import {inert, personalLink} from '../cards/render.js';
import {UserError} from '../errors.js';
import {translator} from '../i18n.js';
import {isGuest, type Person} from '../people.js';
import type {PolicySource} from '../policy-source.js';
import {assertSameTeam, type Scope} from '../scope.js';
import {
    checkFormToken, cleanGuestName, formToken, hashLinkToken, INVITE_ID, isGuestId, LINK_TOKEN,
    newGuestId, newInviteId, newLinkToken, readInviteFlags,
} from './links.js';

/** The public path of a guest link: `${SIDECAR_PUBLIC_URL}/guest/<token>`. */
export const GUEST_PATH = '/guest/';

/** What the guest page shows. `form`: the signed token its Join sends back. */
export type GuestView =
    | {state: 'open'; topic: string; inviter: string; form: string}
    /** `startsAt` and `zone`: a scheduled meeting's planned start (ms) and its planner's zone. */
    | {state: 'waiting'; topic: string; inviter: string; startsAt?: number; zone?: string}
    | {state: 'invalid'};

/** Why a Join was not let through, shown above the form. */
export type GuestProblem = 'name' | 'again' | 'failed';

export type GuestJoin = {state: 'joined'; url: string} | (GuestView & {problem?: GuestProblem});

export interface GuestsDeps {
    config: {publicUrl: string; secret: string};
    store: Store;
    plugnmeet: PlugnmeetClient;
    mattermost: Pick<Mattermost, 'createPost'>;
    access: Access;
    policy: PolicySource;
    now: () => number;
}

/** What a link can be made for: a live meeting (startsAt 0) or a scheduled one (from its start). */
type Invitable = Pick<Meeting, 'roomId' | 'channelId' | 'teamId' | 'creatorId' | 'topic'> & {startsAt: number};

type InviteReply = {text: string; props?: Record<string, unknown>; attachments?: Array<{text: string}>};

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

/** plugNmeet's LockSettings field for each guest lock (plugnmeet_gen_token.proto LockSettings). */
export const lockSettingsOf = (locks: readonly GuestLock[]): Record<string, boolean> =>
    Object.fromEntries(locks.map((l) => [`lock_${l.replace(/-/g, '_')}`, true]));

export function createGuests(deps: GuestsDeps) {
    const {config, store, plugnmeet, mattermost, access, policy, now} = deps;

    const open = (i: GuestInvite, at: number) => !i.revoked && i.expiresAt > at && (i.maxUses === 0 || i.uses < i.maxUses);

    /**
     * The meeting the person may invite to: the channel's live one, else its next scheduled one
     * (links to it work from its start); or the refusal that says why.
     */
    async function invitable(me: Person, scope: Scope): Promise<Invitable> {
        const rules = await policy.current();
        if (rules.guestLinks === 'off') {
            throw new UserError('plugnmeet.guest.links_off');
        }
        if (isGuest(me)) {
            throw new UserError('plugnmeet.guest.not_for_guests');
        }
        const live = await store.openMeetingInChannel(scope.channelId);
        const planned = live ? undefined : (await store.schedulesInChannel(scope.channelId)).find((s) => s.status === 'scheduled');
        const target: Invitable | undefined = live?.status === 'live' ? {...live, startsAt: 0} : planned && {...planned, startsAt: planned.at};
        if (!target) {
            throw new UserError('plugnmeet.guest.no_live_meeting');
        }
        assertSameTeam(target, scope);
        // A schedule's planner moderates its meeting as a starter does (isModerator reads creatorId).
        if (rules.guestLinks === 'moderators' && !(await access.isModerator(target, me, rules))) {
            throw new UserError('plugnmeet.guest.moderators_only');
        }
        return target;
    }

    /** `/plugnmeet invite [flags]`, `invite list`, `invite revoke <id>`: answered to the asker only. */
    async function command(me: Person, scope: Scope, arg: string): Promise<InviteReply> {
        const {t} = me;
        const [verb = '', id = '', ...rest] = arg.trim().split(/\s+/);
        const meeting = await invitable(me, scope);
        if (verb.toLowerCase() === 'list' && id === '') {
            const invites = await store.guestInvitesOfRoom(meeting.roomId);
            if (invites.length === 0) {
                return {text: t('plugnmeet.guest.list_empty')};
            }
            const at = now();
            const lines = invites.map((i) => t('plugnmeet.guest.list_line', {
                id: i.id, name: inert(i.inviterName), uses: i.uses, max: i.maxUses, until: utc(i.expiresAt),
                state: {id: open(i, at) ? 'plugnmeet.guest.state_open' : 'plugnmeet.guest.state_closed'},
            }));
            return {text: `${t('plugnmeet.guest.list_title', {topic: inert(meeting.topic)})}\n${lines.join('\n')}`};
        }
        if (verb.toLowerCase() === 'revoke' && rest.length === 0) {
            const wanted = id.toLowerCase();
            if (!INVITE_ID.test(wanted) || !(await store.revokeGuestInvite(meeting.roomId, wanted))) {
                throw new UserError('plugnmeet.guest.no_such_invite', {id: inert(id.slice(0, 20))});
            }
            return {text: t('plugnmeet.guest.revoked', {id: wanted})};
        }
        const flags = readInviteFlags(arg);
        if (!flags) {
            throw new UserError('plugnmeet.guest.bad_args');
        }
        const token = newLinkToken();
        const at = now();
        const invite = {
            id: newInviteId(), tokenHash: hashLinkToken(token), roomId: meeting.roomId, inviterId: me.userId, inviterName: me.name,
            // A scheduled meeting's link counts from its start.
            createdAt: at, expiresAt: Math.max(at, meeting.startsAt) + flags.validMs, maxUses: flags.maxUses,
        };
        await store.addGuestInvite(invite);
        const url = `${config.publicUrl}${GUEST_PATH}${token}`;
        return {
            text: t('plugnmeet.guest.invite_made', {topic: inert(meeting.topic), until: utc(invite.expiresAt), uses: flags.maxUses, id: invite.id, url}),
            props: {plugnmeet_guest_url: url, plugnmeet_room_id: meeting.roomId},
            // The link again as a link: in an attachment Mattermost fetches no preview (cards/render.ts personalLink).
            attachments: [{text: personalLink(t('plugnmeet.guest.link_label'), url)}],
        };
    }

    type Found = {invite: GuestInvite; meeting?: Meeting; planned?: Schedule};

    /** The link's invite and its meeting (or the schedule that will start it) while the link works; undefined otherwise (all alike). */
    async function resolve(token: string): Promise<Found | undefined> {
        if (!LINK_TOKEN.test(token)) {
            return undefined;
        }
        const invite = await store.guestInviteByHash(hashLinkToken(token));
        if (!invite || !open(invite, now())) {
            return undefined;
        }
        const meeting = await store.getMeeting(invite.roomId);
        if (meeting) {
            return meeting.status === 'ended' ? undefined : {invite, meeting};
        }
        const planned = await store.scheduleByRoom(invite.roomId);
        return planned?.status === 'scheduled' ? {invite, planned} : undefined;
    }

    function view(found: Found | undefined): GuestView {
        if (!found) {
            return {state: 'invalid'};
        }
        const {invite, meeting, planned} = found;
        if (planned) {
            return {state: 'waiting', topic: planned.topic, inviter: invite.inviterName, startsAt: planned.at, zone: planned.zone};
        }
        const shown = {topic: meeting!.topic, inviter: invite.inviterName};
        return meeting!.status === 'live' ? {state: 'open', ...shown, form: formToken(config.secret, invite.tokenHash, now())} : {state: 'waiting', ...shown};
    }

    /** GET: what the page shows. Nothing is minted, counted or changed (link previewers and scanners GET). */
    async function page(token: string): Promise<GuestView> {
        return view(await resolve(token));
    }

    /** POST: a Join. Mints a token when the link works, the form is one this sidecar served and the name is left after cleaning. */
    async function join(token: string, form: {name: string; form: string}): Promise<GuestJoin> {
        const found = await resolve(token);
        const shown = view(found);
        if (!found?.meeting || shown.state !== 'open') {
            return shown;
        }
        const {invite, meeting} = found;
        const check = checkFormToken(config.secret, invite.tokenHash, form.form, now());
        if (check !== 'ok') {
            return {...shown, problem: 'again'};
        }
        const name = cleanGuestName(form.name);
        if (!name) {
            return {...shown, problem: 'name'};
        }
        if (!(await store.takeGuestInviteUse(invite.id, now()))) {
            return {state: 'invalid'}; // its last use went to someone else a moment ago
        }
        const guestId = newGuestId();
        const rules = await policy.current();
        try {
            const joinToken = await plugnmeet.getJoinToken({
                roomId: meeting.roomId, userId: guestId, isAdmin: false,
                name: translator(meeting.creatorLocale)('plugnmeet.guest.marker', {name}),
                lockSettings: lockSettingsOf(rules.guestLocks),
            });
            await store.addGuest({guestId, inviteId: invite.id, roomId: meeting.roomId, name, joinedAt: now()});
            return {state: 'joined', url: plugnmeet.joinUrl(joinToken)};
        } catch {
            return {...shown, problem: 'failed'};
        }
    }

    /**
     * A participant_joined webhook: the first time a guest of ours arrives, "Zoë (guest) joined,
     * invited by Alice" in the meeting's thread, in the meeting's language. A reconnect finds the
     * arrival claimed and posts nothing; an id that is not a guest's costs no store call (the
     * meeting is read only for a guest's first arrival).
     */
    async function arrived(roomId: string, identity: string): Promise<void> {
        if (!isGuestId(identity)) {
            return;
        }
        const guest = await store.claimGuestArrival(identity);
        const meeting = guest?.roomId === roomId ? await store.getMeeting(roomId) : undefined;
        if (!guest || !meeting) {
            return;
        }
        const t = translator(meeting.creatorLocale);
        await mattermost.createPost({
            channel_id: meeting.channelId, root_id: meeting.rootId || meeting.postId, type: '',
            props: {plugnmeet_room_id: meeting.roomId},
            message: t('plugnmeet.guest.joined_post', {name: inert(t('plugnmeet.guest.marker', {name: guest.name})), inviter: inert(guest.inviterName)}),
        });
    }

    return {command, page, join, arrived};
}

export type Guests = ReturnType<typeof createGuests>;

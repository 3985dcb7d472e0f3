// The domain's one door: everything the routes, the reconciler and the tests of behaviour call.
// It knows nothing of HTTP; it reaches plugNmeet, Mattermost and the store through their adapters.
// Built once per process (http/app.ts); nothing in here calls back into it.
import type {FastifyBaseLogger} from 'fastify';
import type {Config} from '../config/config.js';
import type {Mattermost} from '../mattermost/bot.js';
import type {PlugnmeetClient} from '../plugnmeet/client.js';
import type {Store} from '../store/store.js';
import {createAccess} from './access.js';
import {createAdmission, createOccurrenceAdmission} from './admission.js';
import {createAdminCommands} from './admin-commands.js';
import {createCalls} from './calls.js';
import {createCardUpdates, type EditOutcome} from './cards/updater.js';
import {createClicks} from './clicks.js';
import {createCommandTokens} from './command-tokens.js';
import {createCommands} from './commands.js';
import {createFramingCheck} from './framing.js';
import {checkDependencies} from './dependencies.js';
import {createEvents} from './events.js';
import {createGuests} from './guests/guests.js';
import type {Translate} from './i18n.js';
import {createLifecycle} from './lifecycle.js';
import {createPeople} from './people.js';
import {createPolicySource} from './policy-source.js';
import {catchUpOnce} from './recap/catch-up.js';
import {createRecap} from './recap/recap.js';
import {createRecordings} from './recordings.js';
import {createRoomSync} from './room-sync.js';
import {checkCalendarLink} from './schedules/calendar.js';
import {createSchedules} from './schedules/schedules.js';
import {createScopes} from './scope.js';

export {UserError} from './errors.js';
export {english} from './i18n.js';

export interface MeetingsDeps {
    config: Config;
    store: Store;
    plugnmeet: PlugnmeetClient;
    mattermost: Mattermost;
    log: FastifyBaseLogger;
    now?: () => number;
    /** How long participant changes are gathered into one card edit; ends are edited at once. */
    cardWindowMs: number;
    /** How often the card-edit queue is swept for edits left by restarts, back-offs or other replicas. */
    cardSweepMs?: number;
    onCardEdit?: (outcome: EditOutcome) => void;
    onCardFinal?: (edits: number) => void;
}

export function createMeetings(deps: MeetingsDeps) {
    const {config, store, plugnmeet, mattermost, log} = deps;
    const now = deps.now ?? Date.now;
    const people = createPeople(mattermost, log);
    const cardContext = {actionUrl: `${config.publicUrl}/mattermost/action`, secret: config.secret, now};
    const cards = createCardUpdates({
        store, mattermost, people, log, now,
        syncRoom: createRoomSync(store, plugnmeet, now),
        cardContext,
        windowMs: deps.cardWindowMs, sweepMs: deps.cardSweepMs,
        onEdit: deps.onCardEdit, onCardFinal: deps.onCardFinal,
    });
    const policy = createPolicySource({envSettings: config.policySettings, store, log, now});
    const access = createAccess(mattermost, now);
    const scopes = createScopes(mattermost);
    const framing = createFramingCheck({plugnmeet, plugnmeetUrl: config.plugnmeetUrl, mattermostUrl: config.mattermostUrl, log, now});
    const lifecycle = createLifecycle({config, store, plugnmeet, mattermost, cards, people, access, policy, log, now});
    const recordings = createRecordings({store, plugnmeet, mattermost, cards});
    const admin = createAdminCommands({mattermost, policy});
    const calls = createCalls({store, access, scopes, recordings, people, mattermost, now});
    const admit = createAdmission({access, policy});
    const admitOccurrence = createOccurrenceAdmission({access, policy, people, scopes});
    const schedules = createSchedules({
        store, lifecycle, access, admit, admitOccurrence, policy, mattermost, log, now, cardContext,
        config: {publicUrl: config.publicUrl, mattermostUrl: config.mattermostUrl, secret: config.secret, reminderMinutes: config.scheduleReminderMinutes},
    });
    const guests = createGuests({config: {publicUrl: config.publicUrl, secret: config.secret}, store, plugnmeet, mattermost, access, policy, now});
    const commands = createCommands({
        store, scopes, lifecycle, recordings, people, access, policy, admit, admin, calls, schedules, now, mattermost, guests,
        endPageOrigin: new URL(config.publicUrl).origin, frameRefused: framing.refused,
    });
    const clicks = createClicks({store, cards, lifecycle, recordings, people, scopes, access, policy, schedules, calls, now});
    const recap = createRecap({store, plugnmeet, mattermost, people, parts: config.recap.parts, log, links: {publicUrl: config.publicUrl, secret: config.secret}, now, cardDue: cards.applyNow});
    const events = createEvents({store, cards, recordings, recap, now, guests});

    return {
        /** A /plugnmeet subcommand (as parseCommandText splits it) for a caller whose token was checked. */
        command: commands.run,
        /** What a user reads their answers in (their Mattermost locale; English when unknown). */
        translatorFor: async (userId: string, username: string): Promise<Translate> => (await people.byId(userId, username)).t,
        /** Whether a slash-command token belongs to the team the request names. */
        isCommandToken: createCommandTokens(config, store, mattermost, log),
        /** A card button's click whose context signature was checked. */
        click: clicks.handle,
        /** A plugNmeet webhook event whose signature was checked. */
        event: events.handle,
        /** Asks plugNmeet for a live meeting's state, stores it, and returns the meeting as it is now. */
        sync: cards.refresh,
        /** A start that crashed midway (no card was posted): its room is ended and the channel freed. */
        abandonStart: lifecycle.abandonStart,
        /** The card updater: its worker is started and stopped with the HTTP server. */
        cards,
        liveMeetings: async () => (await store.liveMeetings()).length,
        /** Scheduled meetings: the scheduler's round (run by one replica at a time) and the calendar files. */
        schedules: {
            tick: schedules.tick,
            /** The .ics behind a calendar link, when the link is ours and unexpired; undefined otherwise. */
            calendar: async (id: string, expires: string, signature: string) =>
                (checkCalendarLink(config.secret, id, expires, signature, now()) ? schedules.calendar(id) : undefined),
        },
        /** The whole transcript behind a signed link (undefined when the link is not ours, expired, or plugNmeet has it no more). */
        recapTranscript: recap.transcript,
        /** Posts the recap parts whose webhooks were lost, for meetings ended in the last 24 hours (the reconciler's round). */
        catchUpRecap: () => catchUpOnce({store, plugnmeet, recap, log, now: now(), intervalMs: config.reconcileIntervalSeconds * 1000}),
        /** The public guest page (http/routes/guest.ts): what a link shows (GET) and a Join (POST). */
        guests: {page: guests.page, join: guests.join},
        checkDependencies: () => checkDependencies({store, mattermost, plugnmeet}),
    };
}

export type Meetings = ReturnType<typeof createMeetings>;

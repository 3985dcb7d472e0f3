// What a start, now or planned, passes before anything is created: its thread, its topic, the
// policy for this person in this place, and its options within the admin's defaults and limits.
// One path for `/plugnmeet start` and `/plugnmeet schedule`.
import type {MeetingOptions} from '@plugnmeet/contracts';
import type {Schedule} from '../store/store.js';
import type {Access} from './access.js';
import {defaultTopic, MAX_TOPIC_LENGTH, oneLine} from './command-grammar.js';
import {UserError} from './errors.js';
import {againOptions, chooseOptions} from './options.js';
import type {People, Person} from './people.js';
import type {PolicySource} from './policy-source.js';
import type {Scope, Scopes} from './scope.js';

// A root id ends up in Mattermost API paths: id characters only.
const MM_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface StartPlaceRequest {
    channelName: string;
    /** The thread, when Mattermost sends it (newer servers); '' otherwise. */
    rootId: string;
    teamName?: string;
}

export interface Admitted {
    rootId: string;
    topic: string;
    options: MeetingOptions;
}

export function createAdmission(deps: {access: Access; policy: PolicySource}) {
    const {access, policy} = deps;

    /** The start as it will be made; a refusal (topic, policy, options) is thrown as a UserError. */
    return async function admit(me: Person, req: StartPlaceRequest, scope: Scope, asked: {options: Partial<MeetingOptions>; rootId: string; topic: string}): Promise<Admitted> {
        const topic = oneLine(asked.topic) || oneLine(defaultTopic({displayName: scope.displayName, channelName: req.channelName}, me.name));
        if ([...topic].length > MAX_TOPIC_LENGTH) {
            throw new UserError('plugnmeet.reply.topic_too_long', {length: [...topic].length, max: MAX_TOPIC_LENGTH});
        }
        const rules = await policy.current();
        await access.assertMayStart(me, {scope, teamName: req.teamName}, rules);
        // Newer servers send the thread (app/command.go); older ones only get it from the webapp as `--root`.
        return {rootId: MM_ID.test(req.rootId) ? req.rootId : asked.rootId, topic, options: chooseOptions(rules, asked.options)};
    };
}

export type Admit = ReturnType<typeof createAdmission>;

/**
 * A planned occurrence at its start (on time, opened early, or the next of a series): the same
 * policy as `/plugnmeet start`, as it is now, for its planner in its place. Its options are the
 * planned ones except those fixed since, its duration within today's limit.
 * - `planner`: the planner may no longer start meetings here (guest, role): the series pauses.
 * - `place`: the channel or team is no longer allowed: this occurrence is skipped.
 * - `unknown`: Mattermost did not say who the planner is: try again later.
 */
export type OccurrenceVerdict =
    | {ok: true; planner: Person; scope: Scope; options: MeetingOptions}
    | {ok: false; refused: 'planner' | 'place' | 'unknown'; reason: UserError; planner: Person};

const PLANNER_REFUSALS: ReadonlySet<string> = new Set(['plugnmeet.policy.guest', 'plugnmeet.policy.who_can_start', 'plugnmeet.policy.who_can_start_unsure']);

export function createOccurrenceAdmission(deps: {access: Access; policy: PolicySource; people: People; scopes: Scopes}) {
    const {access, policy, people, scopes} = deps;
    return async function admitOccurrence(s: Schedule): Promise<OccurrenceVerdict> {
        const found = await people.byId(s.creatorId, s.creatorUsername);
        const planner = {...found, name: s.creatorName || found.name, locale: s.creatorLocale || found.locale};
        try {
            const scope = await scopes.ofPlanned(s);
            const rules = await policy.current();
            await access.assertMayStart(planner, {scope}, rules);
            return {ok: true, planner, scope, options: againOptions(rules, s.options)};
        } catch (err) {
            if (!(err instanceof UserError)) {
                throw err;
            }
            let refused: 'planner' | 'place' | 'unknown' = PLANNER_REFUSALS.has(err.id) ? 'planner' : 'place';
            if (err.id === 'plugnmeet.policy.roles_unknown') {
                refused = 'unknown';
            }
            return {ok: false, refused, reason: err, planner};
        }
    };
}

export type AdmitOccurrence = ReturnType<typeof createOccurrenceAdmission>;

// What a start, now or planned, passes before anything is created: its thread, its topic, the
// policy for this person in this place, and its options within the admin's defaults and limits.
// One path for `/plugnmeet start` and `/plugnmeet schedule`.
import type {MeetingOptions} from '@plugnmeet/contracts';
import type {Access} from './access.js';
import {defaultTopic, MAX_TOPIC_LENGTH, oneLine} from './command-grammar.js';
import {UserError} from './errors.js';
import {chooseOptions} from './options.js';
import type {Person} from './people.js';
import type {PolicySource} from './policy-source.js';
import type {Scope} from './scope.js';

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

// What the options dialog offers: `/plugnmeet options` answers the sheet (the admin's defaults,
// the fixed options, the duration limit, or why this person may not start here) in its props
// (contracts/src/options.ts). Read defensively: an unexpected value must not reach a command.
import {MAX_DURATION_MINUTES, MAX_WELCOME_LENGTH, NO_OPTIONS, OPTION_NAMES, OPTIONS_SHEET_PROP, QUIET_FLAG, SWITCH_OPTIONS} from '@plugnmeet/contracts';
import type {MeetingOptions, OptionName, OptionsSheet} from '@plugnmeet/contracts';

import type {CommandArgs} from '@mattermost/types/integrations';

import {describeError} from './open_command';
import type {Problem} from './open_command';

import type {Client} from '../client/client';
import {count, text} from '../utils/post_props';

export type SheetOutcome =
    | {kind: 'sheet'; sheet: OptionsSheet}

    // The sidecar answered with a text instead (already in the user's language).
    | {kind: 'text'; text: string}
    | {kind: 'failed'; problem: Problem};

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value);

/** Whole minutes the grammar accepts (1..MAX_DURATION_MINUTES), else 0. */
function minutes(value: unknown): number {
    const n = Math.floor(count(value) ?? 0);
    return n >= 1 && n <= MAX_DURATION_MINUTES ? n : 0;
}

function readDefaults(value: unknown): MeetingOptions {
    const raw = isRecord(value) ? value : {};

    // What the sidecar itself starts from where its defaults say nothing (sidecar/src/meetings/options.ts).
    const defaults: MeetingOptions = {...NO_OPTIONS};
    for (const name of SWITCH_OPTIONS) {
        const value = raw[name];
        defaults[name] = typeof value === 'boolean' ? value : NO_OPTIONS[name];
    }
    defaults.duration = minutes(raw.duration);
    defaults.welcome = [...text(raw.welcome, 4 * MAX_WELCOME_LENGTH)].slice(0, MAX_WELCOME_LENGTH).join('');
    return defaults;
}

/** The sheet in a command response's props, or null when there is none. */
export function readSheet(props: unknown): OptionsSheet | null {
    const raw = isRecord(props) ? props[OPTIONS_SHEET_PROP] : undefined;
    if (!isRecord(raw)) {
        return null;
    }
    const fixed = Array.isArray(raw.fixed) ? raw.fixed.filter((name): name is OptionName => (OPTION_NAMES as readonly unknown[]).includes(name)) : [];
    const sheet: OptionsSheet = {defaults: readDefaults(raw.defaults), fixed, maxDuration: minutes(raw.maxDuration)};
    const refusal = text(raw.refusal, 1000);
    if (refusal) {
        sheet.refusal = refusal;
    }
    return sheet;
}

export async function loadSheet(client: Client, args: CommandArgs): Promise<SheetOutcome> {
    try {
        const response = await client.executeCommand(`/plugnmeet options ${QUIET_FLAG}`, args); // the sheet only, no message
        const sheet = readSheet(response.props);
        if (sheet) {
            return {kind: 'sheet', sheet};
        }

        // No sheet: what the sidecar said instead, if anything (in the user's language); a sidecar
        // from before options says nothing the dialog could use.
        const answer = text(response.text, 1000);
        return answer ? {kind: 'text', text: answer} : {kind: 'failed', problem: {id: 'plugnmeet.options.unavailable'}};
    } catch (error) {
        return {kind: 'failed', problem: describeError(error)};
    }
}

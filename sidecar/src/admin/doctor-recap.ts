// doctor's view of the recap (attendance, transcript, AI summary in the thread): whether plugNmeet's
// artifact API answers, and whether the meetings of the last days left the files the recap needs.
// What each part needs of plugNmeet: docs/admin.md, "After the meeting".
import type {Config} from '../config/config.js';
import type {PlugnmeetClient} from '../plugnmeet/client.js';
import {PlugnmeetError} from '../plugnmeet/client.js';
import type {Meeting} from '../store/store.js';
import type {Verdict} from './doctor.js';

/** How far back doctor looks for meetings whose files should be there by now. */
export const RECENT_MS = 7 * 24 * 3600_000;

export async function reportRecap(o: {config: Config; plugnmeet: PlugnmeetClient; recent: Meeting[]; report: (v: Verdict, line: string) => void}): Promise<void> {
    const {config, plugnmeet, recent, report} = o;
    if (config.recap.parts.length === 0) {
        report('INFO', 'MEETINGS_RECAP is none: nothing is posted after meetings');
        return;
    }
    let found;
    try {
        // A room nobody has: plugNmeet 2.4 answers NOT_FOUND (an empty list to the client).
        await plugnmeet.fetchArtifacts(['mattermost-sidecar-doctor']);
        found = recent.length > 0 ? await plugnmeet.fetchArtifacts(recent.map((m) => m.roomId)) : [];
    } catch (err) {
        const missing = err instanceof PlugnmeetError && err.kind === 'http';
        report('WARN', missing ?
            `plugNmeet has no artifact API (${err.message}): no attendance, transcript or summary is posted after meetings. Fix: upgrade plugNmeet to 2.4.` :
            `plugNmeet's artifact API did not answer (${(err as Error).message}): the recap after meetings is caught up later.`);
        return;
    }
    report('OK', `plugNmeet's artifact API answers; after a meeting its thread gets: ${config.recap.parts.join(', ')} (MEETINGS_RECAP)`);
    if (recent.length === 0) {
        report('INFO', 'no meeting ended in the last 7 days: doctor cannot tell yet whether plugNmeet writes attendance files and summaries');
        return;
    }
    const kinds = new Set(found.map((a) => a.kind));
    if (config.recap.parts.includes('attendance')) {
        report(kinds.has('attendance') ? 'OK' : 'WARN', kinds.has('attendance') ?
            'plugNmeet wrote attendance (analytics) files for recent meetings' :
            `none of the ${recent.length} meetings of the last 7 days has an attendance file. Fix: set analytics_settings.enabled: true in plugNmeet's config.yaml.`);
    }
    const asked = (option: 'transcript' | 'summary') => config.recap.parts.includes(option) && recent.some((m) => m.options?.[option]);
    for (const part of ['transcript', 'summary'] as const) {
        if (asked(part)) {
            report(kinds.has(part) ? 'OK' : 'INFO', kinds.has(part) ?
                `plugNmeet's insights produced a ${part} for recent meetings` :
                `no ${part} for the recent meetings started with --${part}: a moderator must turn it on inside the meeting, and plugNmeet's config.yaml needs insights providers (${part === 'transcript' ? 'Azure speech' : 'Gemini or OpenAI'}).`);
        }
    }
}

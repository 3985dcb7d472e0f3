// The recap's thread replies, in the starter's language: text Mattermost shows everywhere (web,
// Desktop, mobile), every name and word from plugNmeet made inert (cards/render.ts inert).
import {formatDuration, inert} from '../cards/render.js';
import type {Translate} from '../i18n.js';
import type {Attendance} from './attendance.js';
import type {Cue} from './transcript.js';

/** Mattermost's limit is 16,383 characters (model/post.go PostMessageMaxRunesV2): room for the heading and a note. */
export const MESSAGE_BUDGET = 15_000;

/** A table cell: inert, and no `|` to end the cell early. */
const cell = (text: string) => inert(text).replace(/\|/g, '\\|');

export interface NamedAttendee {
    name: string;
    guest: boolean;
    presentMs: number;
    talkedMs: number;
}

export function attendanceMessage(a: Attendance, people: NamedAttendee[], topic: string, t: Translate): string {
    const title = t('plugnmeet.recap.attendance_title', {topic: inert(topic), duration: formatDuration(a.durationMs, t)});
    if (people.length === 0) {
        return `${title}\n\n${t('plugnmeet.recap.nobody')}`;
    }
    const marker = t('plugnmeet.recap.guest');
    // A guest of a link joined as "Zoë (guest)" already (meetings/guests): one marker, not two.
    const shown = (p: NamedAttendee) => (p.guest && !p.name.endsWith(marker) ? `${cell(p.name)} ${marker}` : cell(p.name));
    const rows = people.map((p) => `| ${shown(p)} | ${formatDuration(p.presentMs, t)} | ${formatDuration(p.talkedMs, t)} |`);
    return cut([title, '', t('plugnmeet.recap.attendance_columns'), '|:--|--:|--:|', ...rows], t).text;
}

export function transcriptMessage(cues: Cue[], topic: string, t: Translate, more = ''): string {
    return transcriptPart(cues, topic, t, more).message;
}

/** The transcript's reply and how many cues it shows (the webapp's card shows the same). */
export function transcriptPart(cues: Cue[], topic: string, t: Translate, more = ''): {message: string; shown: number} {
    const title = t('plugnmeet.recap.transcript_title', {topic: inert(topic)});
    if (cues.length === 0) {
        return {message: `${title}\n\n${t('plugnmeet.recap.transcript_empty')}`, shown: 0};
    }
    const lines = cues.map((c) => (c.speaker ? `**${inert(c.speaker)}**: ${inert(c.text)}` : inert(c.text)));
    const {text, kept} = cut([title, '', ...lines], t, more);
    return {message: text, shown: Math.max(0, kept - 2)};
}

export function summaryMessage(markdown: string, topic: string, t: Translate): string {
    const title = t('plugnmeet.recap.summary_title', {topic: inert(topic)});
    return cut([title, '', ...markdown.split('\n')], t).text;
}

/** The lines that fit a message; when some do not, a note says so (and where the rest is, if anywhere). */
function cut(lines: string[], t: Translate, more = ''): {text: string; kept: number} {
    const tail = more ? `\n\n${more}` : '';
    const whole = lines.join('\n');
    if (whole.length + tail.length <= MESSAGE_BUDGET) {
        return {text: whole + tail, kept: lines.length};
    }
    const note = `\n\n${t('plugnmeet.recap.transcript_cut')}${tail}`;
    const kept: string[] = [];
    let length = 0;
    for (const line of lines) {
        if (length + line.length + 1 + note.length > MESSAGE_BUDGET) {
            break;
        }
        kept.push(line);
        length += line.length + 1;
    }
    return {text: kept.join('\n') + note, kept: kept.length};
}

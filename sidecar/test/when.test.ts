// `<when>` in the four shipped languages (issue 25, "Scheduling speaks narrow English only"), with
// a fixed clock: each form a person types, read in their time zone; English works for everyone;
// a time gone by is "already passed", not "not understood"; the examples in the refusal are in
// the person's language, from today, and are themselves read. Over HTTP: a German planner.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {after, before, describe, test} from 'node:test';
import {DateTime} from 'luxon';
import {translator} from '../src/meetings/i18n.js';
import {parseWhen, whenExamples} from '../src/meetings/schedules/when.js';
import {type Harness, startHarness} from './harness.js';

const BERLIN = 'Europe/Berlin';
const at = (iso: string, zone = BERLIN) => DateTime.fromISO(iso, {zone}).toMillis();
const local = (ms: number, zone = BERLIN) => DateTime.fromMillis(ms, {zone}).toFormat("yyyy-MM-dd'T'HH:mm");

// Monday 7 December 2026, 08:00 in Berlin.
const now = at('2026-12-07T08:00');

/** [what is typed, the wall time in Berlin it means, what is left for the options and topic] */
type Case = [string, string, string];

function check(locale: string, cases: Case[], zone = BERLIN) {
    for (const [text, expected, rest] of cases) {
        const r = parseWhen(text, now, zone, locale);
        assert.ok(r.ok, `${locale}: ${text} ${JSON.stringify(r)}`);
        assert.equal(local(r.at, zone), expected, `${locale}: ${text}`);
        assert.equal(r.rest, rest, `${locale}: ${text}`);
    }
}

describe('<when> in four languages, at Monday 2026-12-07 08:00 in Berlin', () => {
    test('English: day words, weekdays, `at`, am/pm, a bare hour, US month/day, ISO, a bare time', () => {
        check('en', [
            ['tomorrow 10:00 Planning', '2026-12-08T10:00', 'Planning'],
            ['tomorrow at 10am Demo', '2026-12-08T10:00', 'Demo'],
            ['tomorrow 10 Standup', '2026-12-08T10:00', 'Standup'],
            ['tomorrow noon Lunch', '2026-12-08T12:00', 'Lunch'],
            ['today 3pm --mute Review', '2026-12-07T15:00', '--mute Review'],
            ['mon 9:30 Weekly', '2026-12-07T09:30', 'Weekly'],
            ['mon 7:30 Weekly', '2026-12-14T07:30', 'Weekly'], // today's weekday, its time gone: next week
            ['Friday 3pm Retro', '2026-12-11T15:00', 'Retro'],
            ['on fri 3 pm Retro', '2026-12-11T15:00', 'Retro'],
            ['next friday 3pm Retro', '2026-12-18T15:00', 'Retro'], // chrono: the Friday of next week
            ['12/24 15:00 Xmas', '2026-12-24T15:00', 'Xmas'],
            ['dec 24 3pm Xmas', '2026-12-24T15:00', 'Xmas'],
            ['2026-12-24 15:00 Xmas', '2026-12-24T15:00', 'Xmas'],
            ['2026-12-24T9:05 x', '2026-12-24T09:05', 'x'],
            ['10:00 Sync', '2026-12-07T10:00', 'Sync'], // a bare time: the next such time, today
            ['7:00 Early', '2026-12-08T07:00', 'Early'], // ... or tomorrow when gone today
            ['in 30m Standup', '2026-12-07T08:30', 'Standup'],
            ['in 2 hours', '2026-12-07T10:00', ''],
            ['in 1d Daily', '2026-12-08T08:00', 'Daily'],
            // What the webapp's Schedule mode sends, whatever the language (checked for all below).
            ['2026-12-24 15:00 --every week -- 11:00 retro', '2026-12-24T15:00', '--every week -- 11:00 retro'],
            // Only the start is the time: dates and times in the topic stay the topic's.
            ['tomorrow 10:00 Review of 12/24 at 3pm, then  lunch on fri with the whole team', '2026-12-08T10:00', 'Review of 12/24 at 3pm, then lunch on fri with the whole team'],
        ]);
    });

    test('German: morgen, Mo, Uhr, day.month.year, am ... um', () => {
        check('de', [
            ['morgen 10:00 Planung', '2026-12-08T10:00', 'Planung'],
            ['morgen um 10 Uhr Planung', '2026-12-08T10:00', 'Planung'],
            ['übermorgen 10 Uhr x', '2026-12-09T10:00', 'x'],
            ['heute 15:00 Review', '2026-12-07T15:00', 'Review'],
            ['Mo 9:30 Weekly', '2026-12-07T09:30', 'Weekly'],
            ['Mi 9:30 x', '2026-12-09T09:30', 'x'],
            ['Fr 15 Uhr x', '2026-12-11T15:00', 'x'],
            ['Freitag 15:00 x', '2026-12-11T15:00', 'x'],
            ['nächsten Freitag 15 Uhr x', '2026-12-18T15:00', 'x'],
            ['24.12.2026 15:00 Weihnachten', '2026-12-24T15:00', 'Weihnachten'],
            ['am 24.12.2026 um 15 Uhr x', '2026-12-24T15:00', 'x'],
            ['24. Dezember 15:00 x', '2026-12-24T15:00', 'x'],
            ['10:00 x', '2026-12-07T10:00', 'x'],
            ['in 30 Minuten x', '2026-12-07T08:30', 'x'],
            ['in 2 Stunden --mute x', '2026-12-07T10:00', '--mute x'],
        ]);
    });

    test('French: demain, 10h, day/month/year, à', () => {
        check('fr', [
            ['demain 10h Point', '2026-12-08T10:00', 'Point'],
            ['demain à 10h30 Point', '2026-12-08T10:30', 'Point'],
            ['aujourd\'hui 15h x', '2026-12-07T15:00', 'x'],
            ['lundi 9h30 x', '2026-12-07T09:30', 'x'],
            ['lun 9h30 x', '2026-12-07T09:30', 'x'],
            ['vendredi 15h x', '2026-12-11T15:00', 'x'],
            ['vendredi prochain 15h x', '2026-12-18T15:00', 'x'],
            ['24/12/2026 15:00 Noël', '2026-12-24T15:00', 'Noël'],
            ['le 24/12/2026 à 15h x', '2026-12-24T15:00', 'x'],
            ['24 décembre 15h x', '2026-12-24T15:00', 'x'],
            ['10h x', '2026-12-07T10:00', 'x'],
            ['dans 30 minutes x', '2026-12-07T08:30', 'x'],
            ['dans 2 heures x', '2026-12-07T10:00', 'x'],
        ]);
    });

    test('Spanish: mañana, a las, day/month/year, el', () => {
        check('es', [
            ['mañana 10:00 Reunión', '2026-12-08T10:00', 'Reunión'],
            ['mañana a las 10 x', '2026-12-08T10:00', 'x'],
            ['hoy 15:00 x', '2026-12-07T15:00', 'x'],
            ['lunes 9:30 x', '2026-12-07T09:30', 'x'],
            ['el viernes 15:00 x', '2026-12-11T15:00', 'x'],
            ['el próximo viernes a las 15:00 x', '2026-12-18T15:00', 'x'],
            ['miércoles a las 9:30 x', '2026-12-09T09:30', 'x'],
            ['24/12/2026 15:00 Navidad', '2026-12-24T15:00', 'Navidad'],
            ['24 de diciembre 15:00 x', '2026-12-24T15:00', 'x'],
            ['10:00 x', '2026-12-07T10:00', 'x'],
            ['en 30 minutos x', '2026-12-07T08:30', 'x'],
            ['en 2 horas x', '2026-12-07T10:00', 'x'],
        ]);
    });

    test('English works for everyone; another language\'s words only for its speakers', () => {
        for (const locale of ['de', 'fr', 'es', 'de-AT', 'pt-BR', '']) {
            check(locale, [
                ['tomorrow at 10am Demo', '2026-12-08T10:00', 'Demo'],
                ['12/24 15:00 Xmas', '2026-12-24T15:00', 'Xmas'],
                ['2026-12-24 15:00 x', '2026-12-24T15:00', 'x'],
                ['2026-12-24 15:00 --root abc -- 11:00 Mo retro', '2026-12-24T15:00', '--root abc -- 11:00 Mo retro'],
            ]);
        }
        assert.deepEqual(parseWhen('morgen 10:00 x', now, BERLIN, 'en'), {ok: false, error: 'unknown'});
        assert.deepEqual(parseWhen('demain 10h x', now, BERLIN, 'de'), {ok: false, error: 'unknown'});
    });

    test('a time gone by is "past" in every language; skipped, repeated and far ones are named too', () => {
        for (const [locale, text] of [
            ['en', 'yesterday 10:00'], ['en', 'today 7:00 Gone'], ['en', '2026-12-01 10:00'], ['de', 'gestern 10:00'], ['de', '24.12.2025 15:00'],
            ['fr', 'hier 10h'], ['es', 'ayer 10:00'], ['de', 'yesterday 10:00'],
        ]) {
            assert.deepEqual(parseWhen(text, now, BERLIN, locale), {ok: false, error: 'past'}, `${locale}: ${text}`);
        }
        assert.deepEqual(parseWhen('28.03.2027 02:30 Lücke', now, BERLIN, 'de'), {ok: false, error: 'skipped'});
        assert.deepEqual(parseWhen('31/10/2027 02:30 x', now, BERLIN, 'fr'), {ok: false, error: 'repeated'});
        assert.deepEqual(parseWhen('24.12.2027 15:00 x', now, BERLIN, 'de'), {ok: false, error: 'too_far'});
    });

    test('what is not a time is not guessed', () => {
        for (const text of ['someday', 'Sprint review', 'tomorrow', 'tomorrow Sprint', 'tomorrow 25:00', 'tomorrow 10:00Sync', 'tomorrow 10:00 - 11:00 Standup', 'in 0m', 'in 5 parsecs', '2027-02-30 10:00', '13pm', '']) {
            assert.deepEqual(parseWhen(text, now, BERLIN, 'en'), {ok: false, error: 'unknown'}, text);
        }
        for (const text of ['irgendwann', 'morgen', 'Besprechung um 10']) {
            assert.deepEqual(parseWhen(text, now, BERLIN, 'de'), {ok: false, error: 'unknown'}, text);
        }
    });

    test('in another zone the same words are another instant (the person\'s today, too)', () => {
        // 08:00 in Berlin is already 16:00 in Tokyo: "10:00" there is tomorrow's.
        check('en', [['10:00 x', '2026-12-08T10:00', 'x'], ['tomorrow 10:00 x', '2026-12-08T10:00', 'x']], 'Asia/Tokyo');
        check('de', [['morgen 10:00 x', '2026-12-08T10:00', 'x']], 'America/New_York');
    });

    test('the sidecar\'s own time zone changes nothing', () => {
        const forms: Array<[string, string]> = [['10:00 x', 'en'], ['morgen 10:00 x', 'de'], ['lundi 9h30 x', 'fr'], ['7:00 x', 'es']];
        const here = forms.map(([text, locale]) => parseWhen(text, now, BERLIN, locale));
        const script = `import {parseWhen} from './src/meetings/schedules/when.ts';
            console.log(JSON.stringify(${JSON.stringify(forms)}.map(([t, l]) => parseWhen(t, ${now}, '${BERLIN}', l))));`;
        for (const TZ of ['Pacific/Auckland', 'America/Los_Angeles']) {
            const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {env: {...process.env, TZ}, encoding: 'utf8'});
            assert.deepEqual(JSON.parse(out), here, TZ);
        }
    });

    test('the refusal\'s examples: in the person\'s language, dated from today, each one read', () => {
        const expected: Record<string, string> = {
            en: '`tomorrow 10:00`, `fri 3pm`, `12/21 15:00`, `2026-12-21 15:00`, `in 30m`',
            de: '`morgen 10:00`, `Fr 15 Uhr`, `21.12.2026 15:00`, `in 30 Minuten`',
            fr: '`demain 10h`, `vendredi 15h`, `21/12/2026 15:00`, `dans 30 minutes`',
            es: '`mañana 10:00`, `viernes 15:00`, `21/12/2026 15:00`, `en 30 minutos`',
        };
        for (const [locale, examples] of Object.entries(expected)) {
            assert.equal(whenExamples(locale, now, BERLIN), examples);
            for (const example of examples.split(', ').map((e) => e.slice(1, -1))) {
                assert.ok(parseWhen(example, now, BERLIN, locale).ok, `${locale}: ${example}`);
            }
        }
        assert.match(whenExamples('de', at('2027-06-20T08:00'), BERLIN), /`4\.7\.2027 15:00`/, 'moves with today');
    });

    test('`help schedule` gives examples in the reader\'s language that the parser reads', () => {
        const date = DateTime.fromMillis(now, {zone: BERLIN}).plus({days: 7}).toISODate() ?? '';
        for (const locale of ['en', 'de', 'fr', 'es']) {
            const help = translator(locale)('plugnmeet.help_schedule', {date});
            const examples = [...help.matchAll(/`([^`]*\d[^`]*)`/g)].map((m) => m[1]).filter((e) => !e.startsWith('/'));
            assert.ok(examples.length >= 4, `${locale}: ${help}`);
            for (const example of examples) {
                assert.ok(parseWhen(example, now, BERLIN, locale).ok, `${locale}: ${example}`);
            }
        }
    });
});

describe('/plugnmeet schedule in German', () => {
    let h: Harness;
    let anna: ReturnType<Harness['mm']['addUser']>;

    before(async () => {
        h = await startHarness({now: () => now});
        anna = h.mm.addUser({username: 'anna', locale: 'de', timezone: {useAutomaticTimezone: 'false', automaticTimezone: '', manualTimezone: BERLIN}});
        h.mm.addMember(h.channels.town.id, anna.id);
    });
    after(async () => h.close());

    test('German words plan it; a past time says so; an unreadable one gets German examples from today', async () => {
        const unread = await h.command(anna, h.channels.town, 'schedule irgendwann Planung');
        assert.match(unread.body.text, /^Ich konnte nicht lesen, wann\. Schreibe es wie `morgen 10:00`, `Fr 15 Uhr`, `21\.12\.2026 15:00`, `in 30 Minuten` oder auf Englisch/);
        const past = await h.command(anna, h.channels.town, 'schedule gestern 10:00 Planung');
        assert.match(past.body.text, /schon vorbei/);
        assert.equal(h.cards().length, 0, 'nothing posted');

        await h.command(anna, h.channels.town, 'schedule morgen um 10 Uhr Planung');
        const card = h.cards().at(-1)!;
        assert.equal(card.props.meeting_scheduled_at, at('2026-12-08T10:00'));
        assert.match(card.message, /: Planung$/);
    });
});

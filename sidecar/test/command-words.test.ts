// What people type and read (issue 25): typos start nothing and say what was meant, every
// subcommand answers in words where the webapp is not there (mobile), the help is one short list,
// a fixed option's refusal says which way the admin set it, recordings have a name. Sidecar over
// real HTTP, fake Mattermost and plugNmeet, in the four languages where the words are new.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {catalogues, LIVE_SHEET_PROP, LOCALES, OPTIONS_SHEET_PROP} from '@plugnmeet/contracts';
import {DateTime} from 'luxon';
import {harnessWith, type Harness} from './harness.js';

const BERLIN = {useAutomaticTimezone: 'false', automaticTimezone: '', manualTimezone: 'Europe/Berlin'};

/** Nothing was started: no room, no card, nothing open in the channel. */
async function assertNothingStarted(h: Harness, before: {rooms: number; posts: number}, channelId = h.channels.town.id) {
    assert.equal(h.pnm.rooms.size, before.rooms, 'no room was created');
    assert.equal(h.mm.posts.size, before.posts, 'nothing was posted');
    assert.equal(await h.app.store.openMeetingInChannel(channelId), undefined);
}
const counts = (h: Harness) => ({rooms: h.pnm.rooms.size, posts: h.mm.posts.size});

async function endIn(h: Harness, channel = h.channels.town, user = h.users.alice) {
    const res = await h.command(user, channel, 'end');
    assert.match(res.body.text, /You ended/);
}

describe('typos start nothing', () => {
    const h = harnessWith();

    test('a single word close to a subcommand, or a synonym, answers "did you mean" and starts nothing', async () => {
        const before = counts(h());
        const cases: Array<[string, string]> = [
            ['lsit', 'list'], ['stop', 'end'], ['recording', 'recordings'], ['Liste', 'list'], ['hilfe', 'help'], ['jion', 'join'],
            ['statsu', 'status'], ['shedule', 'schedule'], ['finish', 'end'], ['optoins', 'options'],
        ];
        for (const [typed, meant] of cases) {
            const res = await h().command(h().users.alice, h().channels.town, typed);
            assert.equal(res.status, 200);
            assert.equal(res.body.goto_location, undefined, typed);
            assert.equal(res.body.text,
                `Did you mean \`/plugnmeet ${meant}\`? Nothing was started. To start a meeting called “${typed}”, type \`/plugnmeet start ${typed}\`.`);
        }
        await assertNothingStarted(h(), before);
    });

    test('as the answer says, `start <word>` starts a meeting so named; other single words are topics', async () => {
        const named = await h().command(h().users.alice, h().channels.town, 'start lsit');
        assert.ok(named.body.goto_location, JSON.stringify(named.body));
        assert.equal((await h().app.store.openMeetingInChannel(h().channels.town.id))?.topic, 'lsit');
        await endIn(h());
        for (const topic of ['Standup', 'Retro', 'Demo', 'Sprint', 'Kickoff', 'Listen', 'Ending', '1:1']) {
            const res = await h().command(h().users.alice, h().channels.town, topic);
            assert.ok(res.body.goto_location, `${topic} starts a meeting`);
            assert.equal((await h().app.store.openMeetingInChannel(h().channels.town.id))?.topic, topic);
            await endIn(h());
        }
    });

    test('a first word with one dash is a mistaken flag; a misspelled flag gets the flag it was close to', async () => {
        const before = counts(h());
        const cases: Array<[string, RegExp]> = [
            ['-w Test', /^`-w` is not an option of `\/plugnmeet start`; no meeting was started\. The options are --waiting-room, /],
            ['-r Test', /^`-r` is not an option of `\/plugnmeet start`: did you mean `--record`\? No meeting was started\. To start a meeting whose topic begins with `-`, put `--` before it\.$/],
            ['--wating-room Test', /did you mean `--waiting-room`\?/],
            ['-waiting-room Test', /did you mean `--waiting-room`\?/],
            ['--recording Test', /did you mean `--record`\?/],
            ['start --lock-screens Test', /did you mean `--lock-screen`\?/],
            ['--no-wating-room Test', /did you mean `--no-waiting-room`\?/],
            ['--mute=maybe Test', /^`--mute=` takes yes or no \(got “maybe”\); no meeting was started\.$/],
        ];
        for (const [typed, answer] of cases) {
            const res = await h().command(h().users.alice, h().channels.town, typed);
            assert.match(res.body.text, answer, typed);
            assert.equal(res.body.goto_location, undefined);
        }
        await assertNothingStarted(h(), before);
        // `--` before a topic that starts with a dash.
        const dashed = await h().command(h().users.alice, h().channels.town, 'start -- -w Test');
        assert.ok(dashed.body.goto_location);
        assert.equal((await h().app.store.openMeetingInChannel(h().channels.town.id))?.topic, '-w Test');
        await endIn(h());
    });

    test('`--record=yes` is read like `--duration=60`; =no, =true, =false, =on, =off too', async () => {
        for (const [flag, on] of [['--record=yes', true], ['--record=on', true], ['--record=TRUE', true], ['--record=no', false], ['--record=off', false], ['--record=false', false]] as const) {
            const res = await h().command(h().users.alice, h().channels.town, `${flag} --duration=30 Taped`);
            const room = h().pnm.rooms.get(res.body.props.plugnmeet_room_id)!;
            assert.equal(room.metadata.room_features.recording_features.enable_auto_cloud_recording, on, flag);
            assert.equal(Number(room.metadata.room_features.room_duration), 30);
            await endIn(h());
        }
    });

    test('in every language', async () => {
        const answers = new Set<string>();
        for (const locale of LOCALES) {
            const user = h().mm.addUser({username: `typo-${locale}`, locale});
            h().mm.addMember(h().channels.town.id, user.id);
            const before = counts(h());
            const res = await h().command(user, h().channels.town, 'lsit');
            assert.ok(res.body.text.includes('`/plugnmeet list`') && res.body.text.includes('`/plugnmeet start lsit`'), res.body.text);
            answers.add(res.body.text);
            const flag = await h().command(user, h().channels.town, '--wating-room Test');
            assert.ok(flag.body.text.includes('`--waiting-room`'), flag.body.text);
            answers.add(flag.body.text);
            await assertNothingStarted(h(), before);
        }
        assert.equal(answers.size, 2 * LOCALES.length, 'each language has its own words');
    });
});

describe('every subcommand answers in words (mobile); the webapp asks quietly', () => {
    const h = harnessWith({MEETINGS_DEFAULT_OPTIONS: '--waiting-room', MEETINGS_FIXED_OPTIONS: 'record'});

    test('`options` says how to give options, with the defaults and what is fixed; `options --quiet` only the sheet', async () => {
        const res = await h().command(h().users.alice, h().channels.town, 'options');
        assert.match(res.body.text, /^Options go before the topic, e\.g\. `\/plugnmeet start --waiting-room --duration 60 Sprint review`/);
        assert.match(res.body.text, /\nOn this server, meetings start with `--waiting-room`\.\nFixed by your system admin: automatic recording\.$/);
        assert.ok(res.body.props[OPTIONS_SHEET_PROP], 'the webapp\'s props stay');
        const quiet = await h().command(h().users.alice, h().channels.town, 'options --quiet');
        assert.equal(quiet.body.text, '');
        assert.deepEqual(quiet.body.props, res.body.props);
    });

    test('`live` lists the team\'s live meetings in the reader\'s zone; with none it says so', async () => {
        const none = await h().command(h().users.bob, h().channels.town, 'live');
        assert.match(none.body.text, /^No meeting is live in this team\./);
        const start = await h().command(h().users.alice, h().channels.other, 'start Weekly sync');
        const roomId = start.body.props.plugnmeet_room_id;
        h().pnm.joinParticipant(roomId, h().users.alice.id, 'alice');
        const {reconcileOnce} = await import('../src/meetings/reconciler.js');
        await reconcileOnce(h().app.store, h().app.meetings, h().app.log);
        const berliner = h().mm.addUser({username: 'berliner', timezone: BERLIN});
        h().mm.addMember(h().channels.other.id, berliner.id);
        const res = await h().command(berliner, h().channels.other, 'live');
        const startedAt = (await h().app.store.getMeeting(roomId))!.startedAt;
        const time = DateTime.fromMillis(startedAt, {zone: 'Europe/Berlin'}).setLocale('en').toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
        assert.equal(res.body.text, [
            '**Live in this team** (times in Europe/Berlin):',
            `- **Weekly sync** · ${time} · started by alice · 1 participant · in this channel: \`/plugnmeet join\``,
            '`/plugnmeet list` shows this channel\'s upcoming meetings, `/plugnmeet recordings` its recordings.',
        ].join('\n'));
        assert.equal(res.body.props[LIVE_SHEET_PROP].meetings[0].room_id, roomId, 'the panel\'s props stay');
        const elsewhere = await h().command(h().users.bob, h().channels.town, 'live');
        assert.doesNotMatch(elsewhere.body.text, /in this channel/);
        assert.equal((await h().command(h().users.bob, h().channels.town, 'live --quiet')).body.text, '');
        await endIn(h(), h().channels.other);
    });

    test('`decline` without an id declines this DM\'s call; the caller, an ended call and no call each get words', async () => {
        const none = await h().command(h().users.bob, h().channels.dm, 'decline');
        assert.equal(none.body.text, 'There is no call to decline in this channel.');
        const call = await h().command(h().users.alice, h().channels.dm, 'start Quick call');
        const roomId = call.body.props.plugnmeet_room_id;
        const declined = await h().command(h().users.bob, h().channels.dm, 'decline');
        assert.equal(declined.body.text, 'You declined the call; the caller was told.');
        assert.ok([...h().mm.posts.values()].some((p) => p.channel_id === h().channels.dm.id && /bob declined the call/.test(p.message)));
        const own = await h().command(h().users.alice, h().channels.dm, `decline ${roomId}`);
        assert.equal(own.body.text, 'This is your own call: end it with `/plugnmeet end`.');
        assert.equal((await h().command(h().users.bob, h().channels.dm, `decline ${roomId} --quiet`)).body.text, '');
        await endIn(h(), h().channels.dm);
        const over = await h().command(h().users.bob, h().channels.dm, `decline ${roomId}`);
        assert.equal(over.body.text, 'That call is already over; there is nothing to decline.');
    });

    test('`recordings <id>` names the recording and gives the link in words; `--quiet` only opens it', async () => {
        const start = await h().command(h().users.alice, h().channels.other, 'start Design review');
        const roomId = start.body.props.plugnmeet_room_id;
        await endIn(h(), h().channels.other);
        const {record_id: recordId} = h().pnm.addRecording(roomId, {file_size: 4.2});
        const res = await h().command(h().users.bob, h().channels.other, `recordings ${recordId}`);
        assert.match(res.body.text, /^The recording of \*\*Design review\*\* · .+ · 4\.2 MB: \[download\]\(http:\/\/127\.0\.0\.1:\d+\/download\/recording\/ey\S+\) \(your personal download link/);
        assert.equal(res.body.goto_location, res.body.props.download_url);
        const m = (await h().app.store.getMeeting(roomId))!;
        assert.deepEqual({topic: res.body.props.topic, started_at: res.body.props.started_at, duration_ms: res.body.props.duration_ms, recording_id: res.body.props.recording_id},
            {topic: 'Design review', started_at: m.startedAt, duration_ms: m.endedAt! - m.startedAt, recording_id: recordId});
        const quiet = await h().command(h().users.bob, h().channels.other, `recordings ${recordId} --quiet`);
        assert.equal(quiet.body.text, '');
        assert.equal(quiet.body.props.plugnmeet_record_id, recordId);
        assert.ok(quiet.body.goto_location);
    });

    test('in every language, each of them answers in words', async () => {
        const texts = new Set<string>();
        for (const locale of LOCALES) {
            const user = h().mm.addUser({username: `mobile-${locale}`, locale});
            h().mm.addMember(h().channels.town.id, user.id);
            for (const sub of ['options', 'live', 'decline']) {
                const text: string = (await h().command(user, h().channels.town, sub)).body.text;
                assert.ok(text.length > 20, `${locale} ${sub}: ${text}`);
                texts.add(text);
            }
        }
        assert.equal(texts.size, 3 * LOCALES.length);
    });
});

describe('help', () => {
    const h = harnessWith();

    test('one short list of every subcommand, the details under `help options` and `help schedule`', async () => {
        const text: string = (await h().command(h().users.alice, h().channels.town, 'help')).body.text;
        for (const sub of ['start', 'options', 'schedule', 'list', 'live', 'join', 'end', 'recordings', 'decline', 'status', 'admin', 'help']) {
            assert.match(text, new RegExp(`^- .*\`${sub}\\b`, 'm'), sub);
        }
        assert.ok(text.split('\n').length <= 14, 'short');
        assert.doesNotMatch(text, /--waiting-room|tomorrow/, 'the details are elsewhere');
        const options: string = (await h().command(h().users.alice, h().channels.town, 'help options')).body.text;
        for (const flag of ['--waiting-room', '--mute', '--record', '--lock-webcams', '--lock-mics', '--lock-screen', '--lock-chat', '--e2ee', '--duration', '--welcome']) {
            assert.ok(options.includes(flag), flag);
        }
        assert.match((await h().command(h().users.alice, h().channels.town, 'help schedule')).body.text, /^\*\*Scheduling\*\*: `\/plugnmeet schedule <when>/);
        assert.equal(await h().app.store.openMeetingInChannel(h().channels.town.id), undefined);
    });

    test('the schedule example is a date ahead, in every language', async () => {
        for (const locale of LOCALES) {
            const user = h().mm.addUser({username: `help-${locale}`, locale, timezone: BERLIN});
            h().mm.addMember(h().channels.town.id, user.id);
            const text: string = (await h().command(user, h().channels.town, 'help schedule')).body.text;
            const dates = [...text.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1]);
            assert.equal(dates.length, 1, text);
            const today = DateTime.now().setZone('Europe/Berlin').toISODate()!;
            assert.ok(dates[0] > today, `${locale}: ${dates[0]} is after ${today}`);
            assert.ok(text.startsWith(catalogues[locale]['plugnmeet.help_schedule'].slice(0, 8)), text);
        }
    });
});

describe('a fixed option\'s refusal says which way the admin set it', () => {
    const h = harnessWith({MEETINGS_DEFAULT_OPTIONS: '--waiting-room --no-record', MEETINGS_FIXED_OPTIONS: 'record,waiting-room,lock-screen,duration'});

    test('fixed off reads "turned off", fixed on "turned on", naming the flag given; in every language', async () => {
        const before = counts(h());
        const off = await h().command(h().users.alice, h().channels.town, '--record Taped');
        assert.equal(off.body.text, 'Your system admin turned off automatic recording for every meeting on this server, so it cannot be turned on; no meeting was started. Start again without `--record`.');
        const on = await h().command(h().users.alice, h().channels.town, '--no-waiting-room Open');
        assert.equal(on.body.text, 'Your system admin turned on the waiting room for every meeting on this server, so it cannot be turned off; no meeting was started. Start again without `--no-waiting-room`.');
        const lock = await h().command(h().users.alice, h().channels.town, '--lock-screen Locked');
        assert.match(lock.body.text, /^Your system admin turned off the screen sharing lock /);
        const duration = await h().command(h().users.alice, h().channels.town, '--duration 30 Short');
        assert.match(duration.body.text, /^Your system admin set the duration for every meeting/);
        const words: Record<string, [RegExp, RegExp]> = {
            de: [/ausgeschaltet; das lässt sich nicht einschalten/, /eingeschaltet; das lässt sich nicht ausschalten/],
            fr: [/a désactivé .* ne peut pas être activé/, /a activé .* ne peut pas être désactivé/],
            es: [/desactivó .* no se puede activar/, /activó .* no se puede desactivar/],
        };
        for (const [locale, [offWords, onWords]] of Object.entries(words)) {
            const user = h().mm.addUser({username: `fixed-${locale}`, locale});
            h().mm.addMember(h().channels.town.id, user.id);
            assert.match((await h().command(user, h().channels.town, '--record Taped')).body.text, offWords);
            assert.match((await h().command(user, h().channels.town, '--no-waiting-room Open')).body.text, onWords);
        }
        await assertNothingStarted(h(), before);
    });
});

describe('recordings have a name', () => {
    const h = harnessWith();

    test('the list names each recording: topic, time in the reader\'s zone, length, size and id; the panel and the post carry them', async () => {
        const start = await h().command(h().users.alice, h().channels.other, 'start Quarterly planning');
        const roomId = start.body.props.plugnmeet_room_id;
        await endIn(h(), h().channels.other);
        const {record_id: recordId} = h().pnm.addRecording(roomId, {file_size: 12.3});
        const m = (await h().app.store.getMeeting(roomId))!;
        const berliner = h().mm.addUser({username: 'rec-berlin', timezone: BERLIN});
        h().mm.addMember(h().channels.other.id, berliner.id);

        const list: string = (await h().command(berliner, h().channels.other, 'recordings')).body.text;
        const time = DateTime.fromMillis(m.startedAt, {zone: 'Europe/Berlin'}).setLocale('en').toLocaleString(DateTime.DATETIME_MED_WITH_WEEKDAY);
        assert.match(list, /^\*\*Recordings in this channel\*\* \(times in Europe\/Berlin; /);
        assert.ok(list.includes(`\n- **Quarterly planning** · ${time} · less than a minute · 12.3 MB · id \`${recordId}\`: [download](`), list);

        const live = await h().command(berliner, h().channels.other, 'live --quiet');
        const item = live.body.props[LIVE_SHEET_PROP].recordings[0];
        assert.deepEqual({topic: item.topic, started_at: item.started_at, duration_ms: item.duration_ms, recording_id: item.recording_id},
            {topic: 'Quarterly planning', started_at: m.startedAt, duration_ms: m.endedAt! - m.startedAt, recording_id: recordId});

        assert.equal((await h().pnm.sendWebhook(`${h().url}/plugnmeet/webhook`, h().pnm.buildEvent('recording_proceeded', roomId, {recordId}))).status, 200);
        const post = [...h().mm.posts.values()].find((p) => p.type === 'custom_plugnmeet_recording' && p.props.plugnmeet_room_id === roomId);
        assert.deepEqual({topic: post.props.topic, started_at: post.props.started_at, duration_ms: post.props.duration_ms, recording_id: post.props.recording_id},
            {topic: 'Quarterly planning', started_at: m.startedAt, duration_ms: m.endedAt! - m.startedAt, recording_id: recordId});
    });
});

describe('web and mobile use the same words', () => {
    test('the scheduled card\'s early Join and the live card\'s Join read the same on both, in every language', () => {
        for (const locale of LOCALES) {
            const c = catalogues[locale];
            assert.equal(c['plugnmeet.post.join_early'], c['plugnmeet.card.join_early'], locale);
            assert.ok(c['plugnmeet.post.live_text'].includes(`**${c['plugnmeet.card.join']}**`), `${locale}: the mobile text names the button as it reads`);
        }
    });
});

describe('a pasted page is no typo', () => {
    const h = harnessWith();

    test('a 100,000-character flag or word is answered at once and starts nothing', async () => {
        const before = counts(h());
        for (const text of [`--${'a'.repeat(100_000)} Topic`, `-${'b'.repeat(100_000)}`]) {
            const started = Date.now();
            const res = await h().command(h().users.alice, h().channels.town, text);
            assert.equal(res.status, 200);
            assert.match(res.body.text, /is not an option of `\/plugnmeet start`; no meeting was started\. The options are/);
            assert.ok(Date.now() - started < 2000, `answered in ${Date.now() - started} ms`);
        }
        await assertNothingStarted(h(), before);
    });
});

// After the meeting (issue 23): the recap in the card's thread from plugNmeet 2.4's artifacts
// (the fake writes them, their webhooks and downloads as v2.4.0 does), posted once each across
// redeliveries; lost webhooks caught up; the options reach the create request where plugNmeet reads them.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {analyticsFile, analyticsProceeded} from './fakes/plugnmeet.js';
import {harnessWith, type Harness} from './harness.js';
import {reconcileOnce} from '../src/meetings/reconciler.js';
import {runDoctor} from '../src/admin/doctor.js';
import {loadConfig} from '../src/config/config.js';
import {english} from '../src/meetings/i18n.js';
import {presence, readAttendance} from '../src/meetings/recap/attendance.js';
import {attendanceMessage, MESSAGE_BUDGET, transcriptMessage} from '../src/meetings/recap/render.js';
import {readTranscript} from '../src/meetings/recap/transcript.js';
import {TRANSCRIPTS_PER_ADDRESS_PER_MINUTE} from '../src/http/routes/recap.js';

const hookUrl = (h: Harness) => `${h.url}/plugnmeet/webhook`;

async function startWith(h: Harness, text: string, channel = h.channels.town) {
    const res = await h.command(h.users.alice, channel, text);
    const roomId: string = res.body.props?.plugnmeet_room_id;
    assert.ok(roomId, JSON.stringify(res.body));
    return {roomId, room: h.pnm.rooms.get(roomId)!, card: h.cards().find((p) => p.props.plugnmeet_room_id === roomId)!};
}

async function endIn(h: Harness, channel = h.channels.town) {
    assert.match((await h.command(h.users.alice, channel, 'end')).body.text, /ended/);
}

/** The recap replies in a card's thread, oldest first. */
const recapPosts = (h: Harness, cardId: string, kind?: string) =>
    [...h.mm.posts.values()].filter((p) => p.root_id === cardId && p.props?.plugnmeet_recap && (!kind || p.props.plugnmeet_recap === kind));

const MIN = 60_000;

describe('options reach plugNmeet where it reads them', () => {
    const h = harnessWith();

    test('--transcript and --summary allow insights (is_allow, never is_enabled); every room gets the attendance file', async () => {
        const {room} = await startWith(h(), 'start --transcript --summary Planning');
        const features = room.metadata.room_features;
        assert.equal(features.enable_analytics, true);
        assert.equal(features.insights_features.is_allow, true);
        assert.equal(features.insights_features.transcription_features.is_allow, true);
        assert.equal(features.insights_features.ai_features.is_allow, true);
        assert.equal(features.insights_features.ai_features.meeting_summarization_features.is_allow, true);
        const sent = h().pnm.calls.filter((c) => c.path === '/auth/room/create').at(-1)!.body;
        assert.doesNotMatch(JSON.stringify(sent), /is_enabled"?:true.*insights|insights.*is_enabled"?:true/);
        await endIn(h());

        await startWith(h(), 'start Plain');
        const plainSent = h().pnm.calls.filter((c) => c.path === '/auth/room/create').at(-1)!.body;
        assert.equal(plainSent.metadata.room_features.enable_analytics, true);
        assert.equal(plainSent.metadata.room_features.insights_features, undefined, 'nothing asked: plugNmeet\'s defaults');
        await endIn(h());
    });

    test('the fake refuses what plugNmeet refuses: is_enabled at creation', async () => {
        const res = await fetch(`${h().pnm.url}/auth/room/create`, await signed(h(), '/auth/room/create', {
            room_id: 'probe-insights', metadata: {room_title: 'x', extra_data: {}, room_features: {insights_features: {is_allow: true, transcription_features: {is_allow: true, is_enabled: true}}}},
        }));
        const body = await res.json();
        assert.equal(body.status, false);
        assert.equal(body.status_code, 'INVALID_PARAMETERS');
        assert.match(body.msg, /transcription_features\.is_enabled: value must equal false/);
    });
});

describe('a policy fixes or forbids them', () => {
    const h = harnessWith({MEETINGS_DEFAULT_OPTIONS: '--summary', MEETINGS_FIXED_OPTIONS: 'transcript,summary', MEETINGS_RECAP: 'transcript,summary'});

    test('the admin default reaches plugNmeet; a fixed option cannot be changed; attendance off: none posted; a forbidden transcript is not posted', async () => {
        const {roomId, card} = await startWith(h(), 'start Fixed');
        const sent = h().pnm.calls.filter((c) => c.path === '/auth/room/create').at(-1)!.body;
        assert.equal(sent.metadata.room_features.insights_features.ai_features.meeting_summarization_features.is_allow, true);
        assert.equal(sent.metadata.room_features.insights_features.transcription_features, undefined);
        await endIn(h());
        // plugNmeet allows transcription in every room (its defaults): what the policy forbids is not posted.
        for (const [type, content] of [['MEETING_ANALYTICS', analyticsFile({roomId, title: 'Fixed', created: 1, ended: 61, users: []})],
            ['SPEECH_TRANSCRIPTION', 'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v A>secret\n'],
            ['MEETING_SUMMARY', `Meeting Summary for: ${roomId}\n\n---\n\n<p>Allowed.</p>`]] as const) {
            assert.equal((await h().pnm.sendWebhook(hookUrl(h()), h().pnm.addArtifact(roomId, type, content).event)).status, 200);
        }
        assert.deepEqual(recapPosts(h(), card.id).map((p) => p.props.plugnmeet_recap), ['summary']);
        const refused = await h().command(h().users.alice, h().channels.town, 'start --transcript Forbidden');
        assert.equal(refused.body.props?.plugnmeet_room_id, undefined);
        assert.match(refused.body.text, /transcript/);
    });
});

async function signed(h: Harness, _path: string, body: object): Promise<RequestInit> {
    const {createHmac} = await import('node:crypto');
    const payload = JSON.stringify(body);
    return {method: 'POST', body: payload, headers: {'content-type': 'application/json', 'api-key': h.pnm.apiKey, 'hash-signature': createHmac('sha256', h.pnm.apiSecret).update(payload).digest('hex')}};
}

describe('the recap in the thread', () => {
    const h = harnessWith();

    test('attendance: each person by name, time in the meeting (visits summed) and talking time, longest first; a guest marked; nobody pinged; once', async () => {
        const {roomId, card} = await startWith(h(), 'start Weekly sync');
        await endIn(h());
        const t0 = Date.parse('2026-12-07T10:00:00Z');
        const {alice, bob} = h().users;
        const file = analyticsFile({
            roomId, title: 'Weekly sync', created: t0 / 1000, ended: t0 / 1000 + 47 * 60,
            users: [
                {user_id: alice.id, name: 'Alice in plugNmeet', is_admin: true, joined: [t0, t0 + 20 * MIN], left: [t0 + 10 * MIN, t0 + 35 * MIN], talked_ms: 4 * MIN},
                {user_id: bob.id, name: 'Bob', joined: [t0 + 2 * MIN], left: [], talked_ms: 90_000},
                {user_id: 'guest-7f3a', name: '@all Gina | <b>guest</b>', joined: [t0 + 5 * MIN], left: [t0 + 15 * MIN]},
            ],
        });
        const {artifact, event} = h().pnm.addArtifact(roomId, 'MEETING_ANALYTICS', file);
        assert.equal((await h().pnm.sendWebhook(hookUrl(h()), event)).status, 200);
        assert.equal((await h().pnm.sendWebhook(hookUrl(h()), analyticsProceeded(h().pnm, artifact))).status, 200);
        await h().pnm.sendWebhook(hookUrl(h()), {...event, id: 'a-redelivery'});

        const posts = recapPosts(h(), card.id, 'attendance');
        assert.equal(posts.length, 1, 'posted once across artifact_created, analytics_proceeded and a redelivery');
        const lines = posts[0].message.split('\n');
        assert.match(lines[0], /Attendance.*Weekly sync.*47 min/);
        const rows = lines.filter((l: string) => l.startsWith('| ') && !l.startsWith('| Person'));
        assert.equal(rows.length, 3);
        assert.match(rows[0], /^\| bob \| 45 min \| 2 min \|$/, 'still in at the end: counted until the room ended');
        assert.match(rows[1], /^\| alice \| 25 min \| 4 min \|$/, 'two visits summed');
        assert.match(rows[2], /Gina.*\(guest\) \| 10 min \| less than a minute \|$/);
        assert.doesNotMatch(posts[0].message, /@all|<b>/, 'inert: no mention, no HTML');
        assert.match(rows[2], /\\\|/, 'a | in a name does not end the cell');
        assert.deepEqual(h().pnm.downloads, [artifact.artifact_id], 'downloaded once, through a download token');
        // The webapp's card reads the same as props; other clients read the message.
        assert.equal(posts[0].type, 'custom_plugnmeet_recap');
        assert.equal(posts[0].props.recap_duration_ms, 47 * MIN);
        assert.deepEqual(posts[0].props.recap_people.map((p: {name: string; guest: boolean; present_ms: number}) => [p.name, p.guest, p.present_ms]),
            [['bob', false, 45 * MIN], ['alice', false, 25 * MIN], ['@all Gina | <b>guest</b>', true, 10 * MIN]]);
    });

    test('transcript and summary: posted once each; the summary as Markdown with no raw HTML, no link, no image, nobody pinged', async () => {
        const {roomId, card} = await startWith(h(), 'start --transcript --summary Design review');
        const text = () => h().mm.posts.get(card.id).props.attachments[0].text as string;
        assert.match(text(), /Transcript, AI summary: turned on by a moderator inside the meeting; the result comes to this thread/);
        await endIn(h());
        assert.match(text(), /AI summary \(if a moderator turned it on\): on its way to this thread/);
        assert.equal(h().mm.posts.get(card.id).props.meeting_summary_coming, true);
        const vtt = 'WEBVTT\n\nNOTE Transcription for meeting: ' + roomId + '\n\n1\n00:00:01.000 --> 00:00:04.000\n<v Alice Smith>Hello @channel, see https://example.com\n\n'
            + '2\n00:00:05.000 --> 00:00:07.500\n<v Bob>**Agreed** <script>x</script>\n\n';
        const transcript = h().pnm.addArtifact(roomId, 'SPEECH_TRANSCRIPTION', vtt);
        const html = '<h3>Decisions</h3><ul><li><strong>@here</strong> ship on Friday</li><li>See <a href="https://evil.example/x">the spec</a><img src="https://tracker.example/p.png"></li></ul><p>Owner: ~town-square</p><script>alert(1)</script>';
        const summary = h().pnm.addArtifact(roomId, 'MEETING_SUMMARY', `Meeting Summary for: ${roomId}\n\n---\n\n${html}`);
        for (const e of [transcript.event, summary.event, transcript.event, {...summary.event, id: 'again'}]) {
            assert.equal((await h().pnm.sendWebhook(hookUrl(h()), e)).status, 200);
        }
        const [t] = recapPosts(h(), card.id, 'transcript');
        assert.deepEqual(t.props.recap_cues, [{speaker: 'Alice Smith', text: 'Hello @channel, see https://example.com'}, {speaker: 'Bob', text: '**Agreed** <script>x</script>'}]);
        assert.equal(t.props.recap_cut, false);
        assert.equal(recapPosts(h(), card.id, 'transcript').length, 1);
        assert.match(t.message, /\*\*Alice Smith\*\*: Hello @\u200Bchannel/);
        assert.doesNotMatch(t.message, /https:\/\/|<script/);
        const s = recapPosts(h(), card.id, 'summary');
        assert.equal(s.length, 1);
        assert.match(s[0].message, /^\*\*AI-generated summary\*\*/);
        assert.match(s[0].message, /\*\*Decisions\*\*/);
        assert.match(s[0].message, /- +\*\*@\u200Bhere\*\* ship on Friday/);
        assert.match(s[0].message, /the spec/);
        assert.doesNotMatch(s[0].message, /<|https?:|!\[|@here\b|~town-square/);
        assert.doesNotMatch(text(), /on its way/, 'the ended card stops saying so');
        assert.equal(h().mm.posts.get(card.id).props.meeting_summary_coming, false);
    });

    test('an artifact of a room we did not create is ignored; a usage record is not posted', async () => {
        const {roomId, card} = await startWith(h(), 'start Usage');
        const usage = h().pnm.addArtifact(roomId, 'SPEECH_TRANSCRIPTION_USAGE');
        assert.equal((await h().pnm.sendWebhook(hookUrl(h()), usage.event)).status, 200);
        await endIn(h());
        assert.equal(recapPosts(h(), card.id).length, 0);
        const foreign = {...usage.event, id: 'foreign', room: {sid: 'RM_x', room_id: 'not-ours'}, room_artifact: {type: 'MEETING_SUMMARY', artifact_id: 'x'}};
        assert.deepEqual(JSON.parse((await h().pnm.sendWebhook(hookUrl(h()), foreign)).body), {status: 'ignored'});
    });

    test('two replicas get the same artifact at once (a redelivery with a new id): one reply', async () => {
        const {roomId, card} = await startWith(h(), 'start --summary Replicated');
        await endIn(h());
        const replica = await h().startReplica();
        try {
            const {event} = h().pnm.addArtifact(roomId, 'MEETING_SUMMARY', `Meeting Summary for: ${roomId}\n\n---\n\n<p>Once.</p>`);
            const results = await Promise.all([
                h().pnm.sendWebhook(hookUrl(h()), event),
                h().pnm.sendWebhook(`${replica.url}/plugnmeet/webhook`, {...event, id: 'redelivered'}),
            ]);
            assert.deepEqual(results.map((r) => r.status), [200, 200]);
            assert.equal(recapPosts(h(), card.id, 'summary').length, 1);
        } finally {
            await replica.close();
        }
    });

    test('a file that cannot be read is said in the thread, once', async () => {
        const {roomId, card} = await startWith(h(), 'start Broken');
        await endIn(h());
        const {event} = h().pnm.addArtifact(roomId, 'MEETING_ANALYTICS', '<html>not json</html>');
        await h().pnm.sendWebhook(hookUrl(h()), event);
        await h().pnm.sendWebhook(hookUrl(h()), {...event, id: 'again'});
        const posts = recapPosts(h(), card.id);
        assert.equal(posts.length, 1);
        assert.match(posts[0].message, /The attendance of this meeting could not be posted: plugNmeet sent a file that could not be read/);
    });

    test('plugNmeet down while downloading: nothing posted, the webhook fails so plugNmeet retries, and the retry posts', async () => {
        const {roomId, card} = await startWith(h(), 'start --summary Flaky');
        await endIn(h());
        const {event} = h().pnm.addArtifact(roomId, 'MEETING_SUMMARY', `Meeting Summary for: ${roomId}\n\n---\n\n<p>Done.</p>`);
        h().pnm.setMode('error500');
        const failed = await h().pnm.sendWebhook(hookUrl(h()), event);
        h().pnm.setMode('ok');
        assert.ok(failed.status >= 500, `${failed.status}`);
        assert.equal(recapPosts(h(), card.id).length, 0);
        assert.equal((await h().pnm.sendWebhook(hookUrl(h()), event)).status, 200);
        assert.equal(recapPosts(h(), card.id, 'summary').length, 1);
    });

    test('a download hook answering 307 to object storage is followed', async () => {
        const {roomId, card} = await startWith(h(), 'start --summary Stored elsewhere');
        await endIn(h());
        h().pnm.artifactRedirect = true;
        try {
            const {event} = h().pnm.addArtifact(roomId, 'MEETING_SUMMARY', `Meeting Summary for: ${roomId}\n\n---\n\n<p>From the bucket.</p>`);
            assert.equal((await h().pnm.sendWebhook(hookUrl(h()), event)).status, 200);
        } finally {
            h().pnm.artifactRedirect = false;
        }
        assert.match(recapPosts(h(), card.id, 'summary')[0]?.message ?? '', /From the bucket/);
    });
});

describe('the whole transcript: a file where the bot may upload, a signed link elsewhere', () => {
    const h = harnessWith();
    const vtt = (roomId: string) => `WEBVTT\n\nNOTE Transcription for meeting: ${roomId}\n\n1\n00:00:01.000 --> 00:00:02.000\n<v Alice>Line one\n\n`;

    test('a public channel the bot joined: the .vtt is uploaded and attached to the reply', async () => {
        const {roomId, card} = await startWith(h(), 'start --transcript Public');
        await endIn(h());
        assert.equal((await h().pnm.sendWebhook(hookUrl(h()), h().pnm.addArtifact(roomId, 'SPEECH_TRANSCRIPTION', vtt(roomId)).event)).status, 200);
        const [post] = recapPosts(h(), card.id, 'transcript');
        assert.equal(post.file_ids.length, 1);
        const file = h().mm.files.get(post.file_ids[0])!;
        assert.equal(file.name, 'transcript.vtt');
        assert.equal(file.content, vtt(roomId));
        assert.doesNotMatch(post.message, /\/recap\//);
    });

    test('a private channel: a signed, expiring link to the sidecar, readable only with that link', async () => {
        const {roomId, card} = await startWith(h(), 'start --transcript Private', h().channels.secret);
        await endIn(h(), h().channels.secret);
        assert.equal((await h().pnm.sendWebhook(hookUrl(h()), h().pnm.addArtifact(roomId, 'SPEECH_TRANSCRIPTION', vtt(roomId)).event)).status, 200);
        const [post] = recapPosts(h(), card.id, 'transcript');
        assert.deepEqual(post.file_ids ?? [], []);
        const url = /\[transcript\.vtt\]\((http[^)]+)\)/.exec(post.message)?.[1];
        assert.ok(url, post.message);
        assert.match(post.message, /works for 7 days/);
        const res = await fetch(url);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /^text\/vtt/);
        assert.match(res.headers.get('content-disposition') ?? '', /^attachment/);
        assert.equal(res.headers.get('cache-control'), 'private, no-store');
        assert.equal(await res.text(), vtt(roomId));
        const u = new URL(url);
        const forged = new URL(url);
        forged.searchParams.set('signature', '0'.repeat(64));
        const expired = new URL(url);
        expired.searchParams.set('expires', String(Date.now() - 1000));
        const otherRoom = new URL(url.replace(roomId, 'a'.repeat(32)));
        for (const bad of [forged, expired, otherRoom, new URL(`${u.origin}${u.pathname}`)]) {
            assert.equal((await fetch(bad)).status, 404, bad.toString());
        }
        // Each fetch asks plugNmeet twice: one address gets a few a minute, then 429 before any work.
        const downloaded = h().pnm.downloads.length;
        const statuses: number[] = [];
        for (let i = 0; i < TRANSCRIPTS_PER_ADDRESS_PER_MINUTE; i++) {
            const r = await fetch(url);
            await r.arrayBuffer();
            statuses.push(r.status);
        }
        assert.ok(statuses.includes(429), `no 429 among ${statuses.join(',')}`);
        assert.equal(statuses.slice(statuses.indexOf(429)).every((st) => st === 429), true);
        const fetchesServed = statuses.filter((st) => st === 200).length;
        assert.equal(h().pnm.downloads.length - downloaded, fetchesServed, 'a refused fetch downloads nothing');
    });
});

describe('lost webhooks are caught up', () => {
    const h = harnessWith({RECONCILE_INTERVAL_SECONDS: '5'});

    test('a summary whose webhook was lost is posted by the catch-up, once; rooms not ours are not asked about', async () => {
        const {roomId, card} = await startWith(h(), 'start --summary Lost hook');
        await endIn(h());
        h().pnm.addArtifact(roomId, 'MEETING_SUMMARY', `Meeting Summary for: ${roomId}\n\n---\n\n<p>Caught up.</p>`);
        // The round just after the end does not look yet (the webhook normally comes first).
        await reconcileOnce(h().app.store, h().app.meetings, h().app.log);
        assert.equal(recapPosts(h(), card.id).length, 0);
        await new Promise((r) => setTimeout(r, 5200));
        await reconcileOnce(h().app.store, h().app.meetings, h().app.log);
        await reconcileOnce(h().app.store, h().app.meetings, h().app.log);
        const posts = recapPosts(h(), card.id, 'summary');
        assert.equal(posts.length, 1);
        assert.match(posts[0].message, /Caught up\./);
        const fetches = h().pnm.calls.filter((c) => c.path === '/auth/artifact/fetch');
        assert.ok(fetches.length >= 1);
        assert.ok(fetches.every((c) => c.body.room_ids.length > 0 && c.body.room_ids.includes(roomId)));
    });
});

describe('who is in the meeting, on the card', () => {
    const h = harnessWith();
    const patches = (postId: string) => h().mm.requests.filter((r) => r.method === 'PUT' && r.path === `/api/v4/posts/${postId}/patch`).length;

    async function presence(roomId: string, event: 'participant_joined' | 'participant_left', identity: string, name: string) {
        if (event === 'participant_joined') {
            h().pnm.joinParticipant(roomId, identity, name);
        } else {
            h().pnm.leaveParticipant(roomId, identity);
        }
        const res = await h().pnm.sendWebhook(hookUrl(h()), h().pnm.buildEvent(event, roomId, {participant: {identity, name}}));
        assert.equal(res.status, 200);
    }

    test('faces while live (Mattermost ids; a guest without), one edit for a burst, the names in the text for mobile; once ended it keeps who came', async () => {
        const {roomId, card} = await startWith(h(), 'start Faces');
        const {alice, bob} = h().users;
        const before = patches(card.id);
        await presence(roomId, 'participant_joined', alice.id, 'alice');
        await presence(roomId, 'participant_joined', bob.id, 'bob');
        await presence(roomId, 'participant_joined', 'guest-9', '@here Gina');
        await h().app.cardUpdates.flushAll();
        assert.equal(patches(card.id) - before, 1, 'a burst of joins is one edit');
        let post = h().mm.posts.get(card.id);
        assert.deepEqual(post.props.meeting_people, [{id: alice.id, name: 'alice'}, {id: bob.id, name: 'bob'}, {id: '', name: '@here Gina'}]);
        assert.equal(post.props.meeting_people_more, 0);
        assert.match(post.props.attachments[0].text, /In it: alice, bob, @\u200Bhere Gina/);

        await presence(roomId, 'participant_left', bob.id, 'bob');
        await h().app.cardUpdates.flushAll();
        post = h().mm.posts.get(card.id);
        assert.deepEqual(post.props.meeting_people.map((p: {name: string}) => p.name), ['alice', '@here Gina']);

        await endIn(h());
        post = h().mm.posts.get(card.id);
        assert.deepEqual(post.props.meeting_people.map((p: {name: string}) => p.name), ['alice', 'bob', '@here Gina']);
        assert.match(post.props.attachments[0].text, /Came: alice, bob, @\u200Bhere Gina/);
    });

    test('more than eight: eight faces and +N', async () => {
        const {roomId, card} = await startWith(h(), 'start Crowd');
        for (let i = 0; i < 11; i++) {
            await presence(roomId, 'participant_joined', `guest-${i}`, `Guest ${i}`);
        }
        await h().app.cardUpdates.flushAll();
        const post = h().mm.posts.get(card.id);
        assert.equal(post.props.meeting_people.length, 8);
        assert.equal(post.props.meeting_people_more, 3);
        assert.match(post.props.attachments[0].text, /Guest 7 \+3/);
        await endIn(h());
    });
});

describe('doctor says whether plugNmeet\'s analytics and insights answer', () => {
    const h = harnessWith();
    const doctor = async () => {
        const lines: string[] = [];
        await runDoctor({env: {...h().env}, out: (l) => lines.push(l), timeoutMs: 3000});
        return lines.join('\n');
    };

    test('the artifact API answers; a recent meeting without an attendance file is a warning with the fix; with one, OK', async () => {
        assert.match(await doctor(), /^INFO {2}no meeting ended in the last 7 days/m);
        const {roomId} = await startWith(h(), 'start --summary Audited');
        await endIn(h());
        let text = await doctor();
        assert.match(text, /^OK {4}plugNmeet's artifact API answers; after a meeting its thread gets: attendance, transcript, summary/m);
        assert.match(text, /^WARN {2}none of the 1 meetings of the last 7 days has an attendance file\. Fix: set analytics_settings\.enabled: true/m);
        assert.match(text, /^INFO {2}no summary for the recent meetings started with --summary: a moderator must turn it on/m);
        h().pnm.addArtifact(roomId, 'MEETING_ANALYTICS', analyticsFile({roomId, title: 'Audited', created: 1, ended: 61, users: []}));
        h().pnm.addArtifact(roomId, 'MEETING_SUMMARY', 'Meeting Summary for: x\n\n---\n\n<p>ok</p>');
        text = await doctor();
        assert.match(text, /^OK {4}plugNmeet wrote attendance \(analytics\) files for recent meetings/m);
        assert.match(text, /^OK {4}plugNmeet's insights produced a summary for recent meetings/m);
    });
});

describe('the recap\'s text, piece by piece', () => {
    test('a guest of a link, named "Zoë (guest)" already, is marked once; another guest gets the marker', () => {
        const message = attendanceMessage({durationMs: 600_000, attendees: []}, [
            {name: 'Zoë (guest)', guest: true, presentMs: 300_000, talkedMs: 0},
            {name: 'Stranger', guest: true, presentMs: 60_000, talkedMs: 0},
        ], 'Call', english);
        assert.equal(message.match(/\(guest\)/g)?.length, 2, message);
        assert.match(message, /Stranger\S* \(guest\)/);
    });

    test('a long transcript is cut to fit a message and says so, and where the whole of it is', () => {
        const cues = Array.from({length: 3000}, (_, i) => ({speaker: `Speaker ${i % 3}`, text: `sentence number ${i} of a long meeting`}));
        const message = transcriptMessage(cues, 'Long', english, 'The whole transcript: [transcript.vtt](https://x)');
        assert.ok(message.length <= MESSAGE_BUDGET, String(message.length));
        assert.match(message, /_The transcript is longer than a message: the first part is shown\._\n\nThe whole transcript: \[transcript\.vtt\]/);
        assert.match(message, /\*\*Speaker 0\*\*: sentence number 0 of a long meeting/);
        assert.doesNotMatch(message, /sentence number 2999/);
    });

    test('MEETINGS_RECAP: the parts named, none, or a clear error', () => {
        const base = {MATTERMOST_URL: 'http://mm.example', MATTERMOST_BOT_TOKEN: 't', PLUGNMEET_URL: 'http://pnm.example', PLUGNMEET_API_KEY: 'k',
            PLUGNMEET_API_SECRET: 's', SIDECAR_PUBLIC_URL: 'http://sc.example', SIDECAR_SECRET: 'x'.repeat(32)};
        const parts = (v?: string) => {
            const r = loadConfig({...base, ...(v === undefined ? {} : {MEETINGS_RECAP: v})});
            return r.ok ? r.config.recap.parts : r.errors;
        };
        assert.deepEqual(parts(), ['attendance', 'transcript', 'summary']);
        assert.deepEqual(parts('summary, attendance'), ['summary', 'attendance']);
        assert.deepEqual(parts('none'), []);
        assert.deepEqual(parts('attendance,minutes'), ['MEETINGS_RECAP takes attendance, transcript, summary (comma-separated) or none (got "minutes").']);
    });

    test('presence pairs each join with the next leave; a visit still open at the end lasts until the room ended', () => {
        assert.equal(presence([0, 100], [50, 150], 1000), 100);
        assert.equal(presence([100, 0], [150], 1000), 150 + 900, 'unsorted input: [0,150) and [100,end)');
        assert.equal(presence([], [], 1000), 0);
        assert.equal(readAttendance('{"users": 3}'), undefined);
        assert.equal(readTranscript('not a vtt'), undefined);
    });
});

// A whole scenario at LOG_LEVEL=trace: no token, secret, signature, personal or calendar link in the log.
import assert from 'node:assert/strict';
import {test} from 'node:test';
import {startHarness, COMMAND_TOKEN} from './harness.js';

test('trace logging of start, joins, buttons, webhooks, recordings and end leaks nothing', async () => {
    const h = await startHarness({logLevel: 'trace'});
    const hook = `${h.url}/plugnmeet/webhook`;
    const issued: string[] = [];
    try {
        const start = await h.command(h.users.alice, h.channels.town, 'start Trace me');
        issued.push(start.body.goto_location);
        const roomId: string = start.body.props.plugnmeet_room_id;
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        issued.push((await h.command(h.users.bob, h.channels.town, 'join')).body.goto_location);
        const click = await h.mm.clickButton(card.id, 'join', h.users.carol);
        issued.push(click.ephemeralText ?? '');
        await h.mm.clickButton(card.id, 'refresh', h.users.carol);
        await h.command(h.users.bob, h.channels.town, 'join wrong-room');
        await h.command(h.users.bob, h.channels.town, 'start', {token: 'a-wrong-token-' + COMMAND_TOKEN.slice(0, 4)});

        h.pnm.joinParticipant(roomId, 'x', 'X');
        await h.pnm.sendWebhook(hook, h.pnm.buildEvent('participant_joined', roomId, {participant: {identity: 'x'}}));
        await h.pnm.sendWebhook(hook, h.pnm.buildEvent('participant_joined', roomId), {secret: 'forged-secret-0123456789'});
        const {record_id: recordId} = h.pnm.addRecording(roomId);
        await h.pnm.sendWebhook(hook, h.pnm.buildEvent('recording_proceeded', roomId, {recordId}));
        const rec = [...h.mm.posts.values()].find((p) => p.type === 'custom_plugnmeet_recording');
        issued.push((await h.mm.clickButton(rec.id, 'download', h.users.bob)).ephemeralText ?? '');
        issued.push((await h.command(h.users.bob, h.channels.town, `recordings ${recordId}`)).body.goto_location);
        await h.app.cardUpdates.flushAll();
        await h.command(h.users.alice, h.channels.town, 'end');

        // A calendar link, fetched as a browser does, and a tampered one: its signature is its credential.
        await h.command(h.users.alice, h.channels.other, 'schedule in 30m Planned');
        const planned = h.cards().at(-1)!;
        const calendar = new URL(/\((http[^)]+\/calendar\/[^)]+)\)/.exec(planned.props.attachments[0].text)![1]);
        assert.equal((await fetch(calendar)).status, 200);
        const tampered = new URL(calendar);
        tampered.searchParams.set('signature', 'f'.repeat(64));
        assert.equal((await fetch(tampered)).status, 404);
        issued.push(calendar.searchParams.get('signature')!);

        const log = h.logs.join('');
        assert.equal(h.app.log.level, 'trace');
        assert.ok(log.includes('refused a plugNmeet webhook'), 'the refusals were logged');
        const links = issued.map((s) => /(https?:\/\/\S+)/.exec(s)?.[1] ?? '').filter(Boolean);
        assert.ok(links.length >= 5, `personal links were issued: ${links.join(' ')}`);
        const tokens = links.map((l) => new URL(l).searchParams.get('access_token') ?? new URL(l).pathname.split('/').pop() ?? '');
        const calendarSignature = issued.at(-1)!;
        const signatures = h.cards().flatMap((p) => (p.props.attachments?.[0]?.actions ?? []).map((a: any) => a.integration.context.signature));
        const secrets = [h.env.MATTERMOST_BOT_TOKEN, h.env.PLUGNMEET_API_SECRET, h.env.SIDECAR_SECRET, COMMAND_TOKEN, ...tokens, ...signatures, calendarSignature, 'f'.repeat(64)];
        for (const s of secrets) {
            assert.ok(s.length >= 16, `a real secret, not an empty match: ${s}`);
            assert.ok(!log.includes(s), `leaked into the log: ${s.slice(0, 6)}…`);
        }
    } finally {
        await h.close();
    }
});

// The sidecar speaks the user's language and names people as Mattermost shows them: a German
// user's whole conversation is German; cards, join tokens and thread notices carry display names
// (TeammateNameDisplay, read by the bot from the fake Mattermost's client config), never mentions;
// and every message the sidecar can send exists, and formats, in every catalogue.
import assert from 'node:assert/strict';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {catalogues, LOCALES, type MessageId} from '@plugnmeet/contracts';
import {displayName} from '../src/mattermost/bot.js';
import {translator} from '../src/meetings/i18n.js';
import {startHarness, type Harness} from './harness.js';

// English words that must not reach a German reader (URLs stripped first).
const ENGLISH = /\b(meeting|started|ended|the|You|your|channel|Join|personal|link|recording)\b/;
const withoutUrls = (s: string) => s.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, '');

describe('a German user', () => {
    let h: Harness;
    before(async () => {
        h = await startHarness();
        h.mm.settings.TeammateNameDisplay = 'full_name';
    });
    after(() => h.close());

    test('reads the whole conversation in German, with names as Mattermost shows them', async () => {
        const anna = h.mm.addUser({username: 'anna', first_name: 'Anna', last_name: 'Schmidt', locale: 'de'});
        const ben = h.mm.addUser({username: 'ben', first_name: 'Ben', last_name: 'Weber', locale: 'de-AT'});
        const projekt = h.mm.addChannel({type: 'O', name: 'projekt', display_name: 'Projekt', members: [anna.id, ben.id]});
        const de = translator('de');
        const seen: string[] = [];
        const saw = (s: string | undefined) => {
            assert.ok(s, 'an answer');
            seen.push(s);
            return s;
        };

        assert.equal(saw((await h.command(anna, projekt, 'help')).body.text), catalogues.de['plugnmeet.help']);
        assert.equal(saw((await h.command(anna, projekt, 'help options')).body.text), catalogues.de['plugnmeet.help_options']);
        assert.match(saw((await h.command(anna, projekt, 'help schedule')).body.text), /^\*\*Planen\*\*/);
        assert.equal(saw((await h.command(anna, projekt, 'help guests')).body.text), catalogues.de['plugnmeet.help_guests']);

        const start = await h.command(anna, projekt, '');
        assert.match(saw(start.body.text), /^Du hast \*\*.*\*\* gestartet; die Besprechung öffnet sich in einem neuen Fenster\.$/);
        saw(start.body.attachments[0].text);
        const roomId = start.body.props.plugnmeet_room_id;
        const card = h.cards().find((p) => p.props.plugnmeet_room_id === roomId);
        assert.equal(card.props.meeting_topic, 'Projekt', 'the default topic is the channel\'s name as people see it, in no one language');
        assert.match(saw(card.message), /^Anna Schmidt hat eine Besprechung gestartet: /);
        assert.equal(card.props.meeting_creator_display_name, 'Anna Schmidt');
        assert.equal(card.props.meeting_creator_username, 'anna', 'the contract keeps the username');
        const live = card.props.attachments[0];
        assert.match(saw(live.text), /^Läuft gerade · gestartet von Anna Schmidt\./, 'no "0 Personen" before anyone is counted');
        assert.deepEqual(live.actions.map((a: {name: string}) => a.name), ['Beitreten', 'Aktualisieren']);
        const starterToken = h.pnm.tokens.filter((t) => t.room_id === roomId && t.user_id === anna.id).at(-1);
        assert.equal(starterToken?.name, 'Anna Schmidt', 'plugNmeet shows the display name');

        const join = await h.command(ben, projekt, 'join');
        assert.match(saw(join.body.text), /^Du trittst \*\*.*\*\* bei;/);
        assert.match(saw(join.body.attachments[0].text), /\[Besprechung öffnen\]\(.*\(dein persönlicher Link/);
        assert.equal(h.pnm.tokens.filter((t) => t.user_id === ben.id).at(-1)?.name, 'Ben Weber');

        const click = await h.mm.clickButton(card.id, 'join', ben);
        assert.match(saw(click.ephemeralText), /^Dein persönlicher Link zu /);

        assert.match(saw((await h.command(ben, projekt, 'Sprint')).body.text), /^In diesem Kanal läuft bereits eine Besprechung: .*gestartet von Anna Schmidt\./);
        assert.equal(saw((await h.command(ben, projekt, 'end')).body.text), 'Nur Anna Schmidt, die Person, die diese Besprechung gestartet hat, eine moderierende Person oder die Systemadministration kann sie beenden.');
        assert.match(saw((await h.command(ben, projekt, 'join nicht/gültig')).body.text), /^Das ist keine Besprechungs-ID\./);

        assert.match(saw((await h.command(anna, projekt, 'end')).body.text), /^Du hast \*\*.*\*\* beendet\.$/);
        const notice = [...h.mm.posts.values()].find((p) => p.root_id === card.id && p.type === '');
        assert.match(saw(notice?.message), /^Anna Schmidt hat die Besprechung \*\*.*\*\* beendet \(Dauer: weniger als eine Minute\)\.$/);
        const ended = h.mm.posts.get(card.id).props.attachments[0];
        assert.match(saw(ended.text), /^Besprechung beendet · Dauer: /);
        saw(ended.fallback);
        assert.equal(ended.actions[0].name, 'Neue Besprechung starten');

        const {record_id: recordId} = h.pnm.addRecording(roomId, {file_size: 3.5});
        assert.equal((await h.pnm.sendWebhook(`${h.url}/plugnmeet/webhook`, h.pnm.buildEvent('recording_proceeded', roomId, {recordId}))).status, 200);
        const rec = [...h.mm.posts.values()].find((p) => p.type === 'custom_plugnmeet_recording' && p.props.plugnmeet_room_id === roomId);
        assert.match(saw(rec.message), /^Aufzeichnung von .* \(3\.5 MB\)$/);
        assert.match(saw(rec.props.attachments[0].text), /tippe auf \*\*Herunterladen\*\*/);
        const download = await h.mm.clickButton(rec.id, 'download', ben);
        assert.match(saw(download.ephemeralText), /^Dein Download-Link für die Aufzeichnung von /);
        assert.match(saw((await h.command(ben, projekt, 'recordings')).body.text), /^\*\*Aufzeichnungen in diesem Kanal\*\*[\s\S]*\[herunterladen\]\(/);

        for (const text of seen) {
            assert.doesNotMatch(withoutUrls(text), ENGLISH, text);
            assert.doesNotMatch(text, /@(anna|ben)\b/, 'nobody is mentioned');
        }
        assert.equal(de('plugnmeet.reply.ended', {topic: 'x'}), 'Du hast **x** beendet.');
    });
});

describe('display names', () => {
    test('follow TeammateNameDisplay as the server applies it (model.User GetDisplayName)', () => {
        const u = {id: 'x', username: 'jdoe', first_name: 'Jane', last_name: 'Doe', nickname: 'JD'};
        assert.equal(displayName(u, 'username'), 'jdoe');
        assert.equal(displayName(u, 'full_name'), 'Jane Doe');
        assert.equal(displayName(u, 'nickname_full_name'), 'JD');
        assert.equal(displayName({...u, nickname: ''}, 'nickname_full_name'), 'Jane Doe');
        assert.equal(displayName({...u, last_name: ''}, 'full_name'), 'Jane');
        assert.equal(displayName({id: 'x', username: 'jdoe'}, 'full_name'), 'jdoe');
        assert.equal(displayName(u, undefined), 'Jane Doe', 'unreadable setting: the full name');
        assert.equal(displayName({id: 'x', username: 'jdoe'}, undefined), 'jdoe', 'then the username');
    });

    test('nickname_full_name against the fake: card, token and end notice carry the nickname; the server default shows usernames', async () => {
        const h = await startHarness();
        try {
            h.mm.settings.TeammateNameDisplay = 'nickname_full_name';
            const jane = h.mm.addUser({username: 'jdoe', first_name: 'Jane', last_name: 'Doe', nickname: 'Janie'});
            const max = h.mm.addUser({username: 'max', first_name: 'Max', last_name: 'Muster', roles: 'system_user system_admin'});
            const ch = h.mm.addChannel({type: 'O', name: 'crew', display_name: 'Crew', members: [jane.id, max.id]});
            const start = await h.command(jane, ch, 'Standup');
            const card = h.cards().find((p) => p.props.plugnmeet_room_id === start.body.props.plugnmeet_room_id);
            assert.equal(card.message, 'Janie started a meeting: Standup');
            assert.equal(card.props.meeting_creator_display_name, 'Janie');
            assert.equal(h.pnm.tokens.at(-1)?.name, 'Janie');
            await h.command(max, ch, 'end');
            const notice = [...h.mm.posts.values()].find((p) => p.root_id === card.id);
            assert.match(notice.message, /^Max Muster ended the meeting \*\*Standup\*\*, started by Janie, after /);
            assert.doesNotMatch(notice.message + card.message, /@/, 'no mentions in bot posts');
        } finally {
            await h.close();
        }
        // The harness default is the real server's default (TeammateNameDisplay = username).
        const plain = await startHarness();
        try {
            const jane = plain.mm.addUser({username: 'jdoe', first_name: 'Jane', last_name: 'Doe'});
            const ch = plain.mm.addChannel({type: 'O', name: 'crew', display_name: 'Crew', members: [jane.id]});
            await plain.command(jane, ch, 'Standup');
            assert.equal(plain.cards()[0].message, 'jdoe started a meeting: Standup');
        } finally {
            await plain.close();
        }
    });
});

describe('catalogues', () => {
    // Every message id the sidecar's code names (a literal `plugnmeet.…` in sidecar/src).
    const ids = new Set<string>();
    const walk = (dir: string) => {
        for (const e of readdirSync(dir, {withFileTypes: true})) {
            const path = join(dir, e.name);
            if (e.isDirectory()) {
                walk(path);
            } else if (path.endsWith('.ts')) {
                for (const m of readFileSync(path, 'utf8').matchAll(/'(plugnmeet\.(?:help|reply|failure|post|topic|duration|card|recording)[a-z_.]*)'/g)) {
                    ids.add(m[1]);
                }
            }
        }
    };
    walk(new URL('../src', import.meta.url).pathname);
    const argumentsOf = (message: string) => [...new Set([...message.matchAll(/\{\s*([a-zA-Z_]+)\s*[,}]/g)].map((m) => m[1]))].sort();

    test('every message the sidecar can send exists in every catalogue, with the same arguments, and formats', () => {
        assert.ok(ids.size > 50, `found ${ids.size} message ids`);
        for (const locale of LOCALES) {
            const t = translator(locale);
            for (const id of ids) {
                const message = catalogues[locale][id as MessageId];
                assert.equal(typeof message, 'string', `${locale} lacks ${id}`);
                const args = argumentsOf(message);
                assert.deepEqual(args, argumentsOf(catalogues.en[id as MessageId]), `${locale} ${id}`);
                const text = t(id as MessageId, Object.fromEntries(args.map((a) => [a, a === 'count' ? 2 : `<${a}>`])));
                assert.ok(text.length > 0 && !/\{|\}/.test(text), `${locale} ${id}: ${text}`);
            }
        }
    });

    test('French puts a narrow no-break space before : and ;', () => {
        for (const message of Object.values(catalogues.fr)) {
            assert.doesNotMatch(message, /[ \u00a0][:;]/, message);
        }
    });
});

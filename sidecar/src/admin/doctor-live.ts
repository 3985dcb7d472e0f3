// `npm run doctor -- --live --channel <team/channel, its URL or its id>`: what a real start does, against the operator's real
// servers, with the production code paths: a throwaway plugNmeet room created with exactly the
// production create body (roomFor), a join token, the room ended; a card posted as the bot in
// the named channel, edited with the production patch (props only) and deleted. One line per
// step, OK or FAIL with the fix; true only when every step passed. Everything made is removed.
import {loadConfig, type Config} from '../config/config.js';
import {createMattermost} from '../mattermost/bot.js';
import {connect} from '../mattermost/client.js';
import {CARD_POST_TYPE, renderCard} from '../meetings/cards/render.js';
import {newRoomId, roomFor} from '../meetings/lifecycle.js';
import {createPlugnmeetClient, PlugnmeetError, type PlugnmeetClient} from '../plugnmeet/client.js';
import type {Meeting} from '../store/store.js';
import {checkReport, judgeVersion, mattermostVersion, reportPlugnmeetGeneration, SUPPORTED} from './doctor.js';
import {why} from './setup.js';

export interface LiveDoctorDeps {
    env: Record<string, string | undefined>;
    /** The channel the test card is posted in (and deleted from right away): `team/channel`, its URL or its id. */
    channel: string;
    out: (line: string) => void;
    timeoutMs?: number;
    now?: () => number;
}

const TOPIC = 'plugNmeet doctor check (removed at once)';

const CHANNEL_ID = /^[a-z0-9]{26}$/;

/**
 * `--channel` as people have it at hand: the channel's id, `team/channel` (the names in its URL),
 * or the URL itself (`https://chat.example.com/team/channels/channel`); undefined for anything else.
 */
export function channelRef(given: string): {id: string} | {team: string; name: string} | undefined {
    const text = given.trim();
    if (CHANNEL_ID.test(text)) {
        return {id: text};
    }
    let parts: string[];
    try {
        parts = /^https?:\/\//i.test(text) ? new URL(text).pathname.split('/').filter(Boolean) : text.split('/');
    } catch {
        return undefined;
    }
    const at = parts.indexOf('channels');
    let [team, name] = parts.length === 2 ? parts : [];
    if (at > 0) {
        [team, name] = [parts[at - 1], parts[at + 1]];
    }
    return team && name ? {team: decodeURIComponent(team), name: decodeURIComponent(name.replace(/^~/, ''))} : undefined;
}

export async function runLiveDoctor({env, channel: given, out, timeoutMs = 10_000, now = Date.now}: LiveDoctorDeps): Promise<boolean> {
    const checks = checkReport(out);
    const report = checks.report;
    const loaded = loadConfig(env);
    if (!loaded.ok) {
        loaded.errors.forEach((line) => report('FAIL', `configuration: ${line}`));
        return false;
    }
    const config = loaded.config;
    const mattermost = createMattermost({url: config.mattermostUrl, botToken: config.mattermostBotToken, timeoutMs});
    const plugnmeet = createPlugnmeetClient({url: config.plugnmeetUrl, apiKey: config.plugnmeetApiKey, apiSecret: config.plugnmeetApiSecret, timeoutMs});
    try {
        const mmVersion = await mattermostVersion(config.mattermostUrl, timeoutMs);
        const judged = mmVersion ? judgeVersion('mattermost', mmVersion) :
            {verdict: 'WARN' as const, line: `Mattermost did not say its version (no X-Version-Id header). Supported: Mattermost ${SUPPORTED.mattermost}.`};
        report(judged.verdict, judged.line);

        const bot = connect(config.mattermostUrl, config.mattermostBotToken, timeoutMs);
        const channelId = await findChannel(given, bot, report);
        const channel = channelId === undefined ? null : await mattermost.channelInfo(channelId).catch((err) => {
            report('FAIL', `the bot cannot read channel ${channelId} (${why(err)}). Fix: pass --channel team/channel of a channel the bot is a member of, or a public one.`);
            return null;
        });
        if (channel === undefined) {
            report('FAIL', `the bot cannot read channel ${given}. Fix: add the bot to that channel, or name a public one.`);
        }
        const teamId = channel?.teamId ?? '';

        await livePlugnmeet({config, plugnmeet, report, channelId: channelId ?? '', teamId});
        if (channel && channelId) {
            await liveCard({
                mattermost, report, channelId, teamId, now, deletePost: (id) => bot.deletePost(id),
                cardContext: {actionUrl: `${config.publicUrl}/mattermost/action`, secret: config.secret, now},
            });
        }
    } finally {
        await plugnmeet.close();
    }
    const failures = checks.failures();
    out(failures === 0 ? 'All live checks passed: starting a meeting works end to end.' : `${failures} live check${failures === 1 ? '' : 's'} failed: fix as shown and run again.`);
    return failures === 0;
}

type Report = ReturnType<typeof checkReport>['report'];

/** The id of the channel `--channel` names; undefined (reported, with the fix) when it names none the bot can read. */
async function findChannel(given: string, bot: ReturnType<typeof connect>, report: Report): Promise<string | undefined> {
    const ref = channelRef(given);
    if (!ref) {
        report('FAIL', `--channel ${given} names no channel. Fix: pass team/channel as in the channel's URL (e.g. myteam/town-square), the URL itself, or the channel's id (Channel info > the id at the bottom).`);
        return undefined;
    }
    if ('id' in ref) {
        return ref.id;
    }
    try {
        return (await bot.getChannelByNameAndTeamName(ref.team, ref.name)).id;
    } catch (err) {
        report('FAIL', `the bot cannot find or read channel ${ref.team}/${ref.name} (${why(err)}). Fix: check the team and channel names in the channel's URL; for a private channel, add the bot to it first.`);
        return undefined;
    }
}

async function livePlugnmeet(o: {config: Parameters<typeof roomFor>[0] & Pick<Config, 'policy'>; plugnmeet: PlugnmeetClient; report: Report; channelId: string; teamId: string}): Promise<void> {
    const {plugnmeet, report} = o;
    const roomId = newRoomId();
    try {
        // Exactly what /plugnmeet start sends (meetings/lifecycle.ts), with the environment's default options.
        await plugnmeet.createRoom(roomFor(o.config, {roomId, topic: TOPIC, channelId: o.channelId, teamId: o.teamId, options: o.config.policy.defaults, adminWelcome: o.config.policy.defaults.welcome}));
        report('OK', `plugNmeet created a room with the production create request (${roomId})`);
    } catch (err) {
        const older = err instanceof PlugnmeetError && /extraData|extra_data/.test(err.message);
        report('FAIL', older ?
            `plugNmeet refused the create request: it is older than 2.0 (${err.message}). Fix: upgrade plugNmeet to ${SUPPORTED.plugnmeet}.` :
            `plugNmeet refused the create request (${(err as Error).message}). Fix: check PLUGNMEET_URL and the API key; if plugNmeet is outside ${SUPPORTED.plugnmeet}, upgrade it.`);
        if (!older) {
            await reportPlugnmeetGeneration(plugnmeet, report);
        }
        await plugnmeet.endRoom(roomId).catch(() => undefined); // a create that timed out may have happened
        return;
    }
    try {
        const token = await plugnmeet.getJoinToken({roomId, userId: 'plugnmeet-doctor', name: 'plugNmeet doctor', isAdmin: true});
        report('OK', 'plugNmeet issued a join token');
        const version = await plugnmeet.serverVersion(token);
        if (version) {
            const {verdict, line} = judgeVersion('plugnmeet', version);
            report(verdict, line);
        } else {
            await reportPlugnmeetGeneration(plugnmeet, report);
        }
    } catch (err) {
        report('FAIL', `plugNmeet refused a join token (${(err as Error).message}). Fix: check plugNmeet's logs.`);
    }
    try {
        await plugnmeet.endRoom(roomId);
        report('OK', 'plugNmeet ended the room');
    } catch (err) {
        report('FAIL', `plugNmeet did not end room ${roomId} (${(err as Error).message}); it ends by itself when nobody joins.`);
    }
}

async function liveCard(o: {
    mattermost: ReturnType<typeof createMattermost>; report: Report; channelId: string; teamId: string;
    cardContext: Parameters<typeof renderCard>[1]; now: () => number; deletePost: (postId: string) => Promise<unknown>;
}): Promise<void> {
    const {mattermost, report} = o;
    let botId: string;
    let botName: string;
    try {
        botId = await mattermost.botUserId();
        botName = await mattermost.whoAmI();
    } catch (err) {
        report('FAIL', `Mattermost does not accept MATTERMOST_BOT_TOKEN (${why(err)}). Fix: run \`npm run setup\`.`);
        return;
    }
    const started = o.now();
    const meeting: Meeting = {
        roomId: newRoomId(), channelId: o.channelId, teamId: o.teamId, rootId: '', postId: '', creatorId: botId, creatorUsername: botName,
        creatorName: botName, creatorLocale: 'en',
        topic: TOPIC, status: 'live', startedAt: started, endedAt: null, participants: 0, peakParticipants: 0, updatedAt: started,
        endedBy: '', version: 1, endNoticePosted: false, cardShown: '', cardEdits: 0, options: undefined, summaryPosted: false,
    };
    let postId: string;
    // As /plugnmeet start does: in a public channel the bot joins, so it may edit and delete its card.
    await mattermost.joinChannel(o.channelId).catch(() => false);
    try {
        const {message, props} = renderCard(meeting, o.cardContext);
        postId = (await mattermost.createPost({channel_id: o.channelId, message, type: CARD_POST_TYPE, props})).id;
        report('OK', `the bot posted a meeting card in channel ${o.channelId}`);
    } catch (err) {
        report('FAIL', `the bot could not post a card in channel ${o.channelId} (${why(err)}). Fix: give the bot post:all (\`npm run setup\`), or name a channel it is in.`);
        return;
    }
    try {
        const ended = {...meeting, postId, status: 'ended' as const, endedAt: o.now(), participants: 0, version: 2};
        const result = await mattermost.updatePost(postId, renderCard(ended, o.cardContext).props);
        report(result === 'edited' ? 'OK' : 'FAIL', result === 'edited' ?
            'the bot edited the card (props only, as every card update does)' :
            `Mattermost refused the card edit (${result}). Fix: ${result === 'forbidden' ?
                'name a public channel, or add the bot to this one (in private channels and DMs the bot cannot edit cards; their buttons refresh them)' :
                'check the Mattermost logs; the sidecar only patches props'}.`);
    } catch (err) {
        report('FAIL', `the card edit failed (${why(err)}). Fix: check the Mattermost logs.`);
    }
    try {
        await o.deletePost(postId);
        report('OK', 'the bot deleted the test card');
    } catch (err) {
        report('FAIL', `the bot could not delete the test card ${postId} (${why(err)}); delete it by hand.`);
    }
}

// The browser test rig: builds the host page's library bundle, serves the host page, the
// built main.js and a fake Mattermost API that answers like the real server, and drives
// Debian's Chromium. Every request the plugin makes is recorded for the tests to check.
import {mkdtempSync, readFileSync, rmSync} from 'fs';
import http from 'http';
import type {AddressInfo} from 'net';
import {tmpdir} from 'os';
import {dirname, join} from 'path';

import {MEETING_ENDED_MESSAGE, MEETING_ENDED_PATH, NO_OPTIONS} from '@plugnmeet/contracts';
import {chromium} from 'playwright-core';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import webpack from 'webpack';

import {createUsersFake} from './fake_users';

export const webappDir = join(__dirname, '..', '..');
export const rootDir = join(webappDir, '..');

export type HostName = 'mattermost-10' | 'mattermost-11' | 'desktop';

export const CSRF = 'csrf-test-token';
export const NOW = Date.UTC(2026, 10, 22, 11, 0);
export const minutes = (n: number) => n * 60 * 1000;

// The channel where the member may read but not post (moderated / archived).
export const READ_ONLY_CHANNEL = 'chan-ro';
export const BOT_USER_ID = 'bot1';

// What the Desktop app's main web contents send (mattermost/desktop src/main/utils.ts composeUserAgent).
export const DESKTOP_USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.6998.179 Electron/35.2.0 Safari/537.36 Mattermost/5.13.0';

const resolveIn = (pkg: string, file: string) => join(dirname(require.resolve(`${pkg}/package.json`)), file);

// What each host loads before the plugin, in the order Mattermost loads it.
const hostScripts: Record<HostName, string[]> = {

    // Mattermost 9.11-10.x: React 17.0.2 and react-redux 7, production builds as shipped.
    'mattermost-10': ['/static/mm10/react.js', '/static/mm10/react-dom.js', '/static/mm10/react-redux.js', '/static/host-globals-mm10.js', '/static/host.js', '/static/host-calls.js'],

    // Mattermost 11: React 18.2 and react-redux 9.2.0 (webapp/channels/package.json), and the
    // right-hand-panel popout (host_popouts.js).
    'mattermost-11': ['/static/mm11/react.js', '/static/mm11/react-dom.js', '/static/host-globals-mm11.js', '/static/host.js', '/static/host-calls.js', '/static/host-popouts.js'],
    desktop: ['/static/desktop.js', '/static/mm11/react.js', '/static/mm11/react-dom.js', '/static/host-globals-mm11.js', '/static/host.js', '/static/host-calls.js', '/static/host-popouts.js'],
};

function hostPage(host: HostName): string {
    const scripts = hostScripts[host].map((src) => `<script src="${src}"></script>`).join('\n');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Mattermost (${host} test host)</title>
<style>
    html, body { margin: 0; font-family: 'Open Sans', 'Liberation Sans', Arial, sans-serif; font-size: 14px; }
    /* The call button sits at the header's right end, as in Mattermost (channel_header.tsx), so its menu opens leftwards. */
    .channel-header { display: flex; gap: 8px; align-items: center; justify-content: flex-end; height: 40px; padding: 0 20px; }
    .channel-header button { display: flex; align-items: center; justify-content: center; min-width: 32px; height: 32px; border: 0; border-radius: 4px; background: transparent; color: inherit; cursor: pointer; }
    .app-bar img { width: 24px; height: 24px; cursor: pointer; }
    #call-menu { display: flex; gap: 8px; list-style: none; margin: 0; padding: 0; }
    #call-menu li { cursor: pointer; }
    #posts { box-sizing: border-box; }
    .post { padding: 4px 0; }
    .post__header { font-weight: 600; font-size: 14px; }
    .post__time { margin-left: 6px; font-weight: 400; font-size: 12px; opacity: 0.64; }
</style>
${scripts}
</head>
<body>
<div id="root"></div>
<script src="/static/main.js"></script>
</body>
</html>`;
}

async function buildHostGlobals(outDir: string, name: string, reactRedux: 'bundled' | 'umd'): Promise<void> {
    const compiler = webpack({
        mode: 'development',
        devtool: false,
        entry: join(__dirname, 'host', 'host_globals.js'),
        output: {path: outDir, filename: `host-globals-${name}.js`},
        externals: {react: 'React', 'react-dom': 'ReactDOM'},
        resolve: {alias: {'react-redux$': require.resolve('react-redux9')}},
        plugins: [new webpack.DefinePlugin({'process.env.HOST_REACT_REDUX': JSON.stringify(reactRedux)})],
        infrastructureLogging: {level: 'error'},
    });
    await new Promise<void>((resolve, reject) => {
        compiler.run((error, stats) => {
            compiler.close(() => undefined);
            if (error || stats?.hasErrors()) {
                reject(error ?? new Error(stats?.toString('errors-only')));
            } else {
                resolve();
            }
        });
    });
}

// The call button as one provider shows it (components/call_button/call_button.tsx): the camera
// starts, the arrow opens the plugin's menu with options and scheduling.
export const CALL_BUTTON = '#call-button [data-testid="plugnmeet-call-button"]';
export const CALL_MORE = '#call-button [data-testid="plugnmeet-call-more"]';

/** Opens the call button's arrow menu and picks an entry, as a user does. */
export async function chooseFromCallMenu(page: Page, entry: 'options' | 'schedule'): Promise<void> {
    await page.click(CALL_MORE);
    await page.click(`#call-button [data-testid="plugnmeet-call-${entry}-item"]`);
}

export type Recorded = {method: string; path: string; headers: http.IncomingHttpHeaders; body: any; reply?: any};
export type Reply = {status: number; body: unknown};

/** Waits for something the page does asynchronously; the jest timeout bounds it. */
export async function until(condition: () => boolean): Promise<void> {
    while (!condition()) {
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

export type Scene = {
    posts: unknown[];
    theme?: Record<string, string>;
    locale?: string;
    compact?: boolean;
    rhs?: boolean;
    width?: number;
    channel?: {id: string; team_id: string; type: string; name: string};
    appBar?: boolean;
    otherCallProviders?: boolean;
    typingRootId?: string;
    brokenThemeFor?: string;

    // host_calls.js: Settings > plugNmeet, the channel intro's buttons (none without a membership).
    userSettings?: boolean;
    channelIntro?: boolean;
    noMembership?: boolean;

    // Each post's "..." menu with the plugins' entries.
    postMenus?: boolean;
};

// The sheet of a sidecar without a meeting policy: plugNmeet's own defaults (contracts/src/options.ts).
// What a sidecar with no policy answers: screen sharing unlocked, as the sidecar asks plugNmeet
// for every room (issue 25; plugNmeet's own default locks it).
export const DEFAULT_SHEET = {defaults: {...NO_OPTIONS, lockScreen: false}, fixed: [] as string[], maxDuration: 0};

export const denim = {
    centerChannelBg: '#ffffff', centerChannelColor: '#3f4350', buttonBg: '#1c58d9', buttonColor: '#ffffff',
    onlineIndicator: '#3db887', awayIndicator: '#ffbc1f', dndIndicator: '#d24b4e', errorTextColor: '#d24b4e', linkColor: '#386fe5',
};

/**
 * The sidecar's end page as sidecar/src/http/routes/meeting-ended.ts writes it: one script that posts
 * MEETING_ENDED_MESSAGE to its parent, addressed to exactly the Mattermost origin.
 */
function endPageHtml(mattermostOrigin: string): string {
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>The meeting has ended</title></head>
<body><p>The meeting has ended. You can close this tab.</p><script>if(window.parent!==window){window.parent.postMessage(${JSON.stringify(MEETING_ENDED_MESSAGE)},${JSON.stringify(mattermostOrigin)});}</script></body></html>`;
}

/** What the webapp remembers of the admin's MEETINGS_OPEN_IN (stores/open_in_store.ts), as a page starts. */
export type RememberedOpenIn = {openIn: 'browser' | 'mattermost'; desktopEmbed: boolean; endOrigin: string; learnedAt: number} | null;

export function createRig() {
    const startedAt = Date.now();
    let server: http.Server;
    let sidecar: http.Server;
    let buildDir = '';
    let browser: Browser;
    const rig = {
        base: '',

        // The sidecar's public URL (its end page) on another port and host name: another origin
        // than Mattermost's; `otherOrigin` serves the very same page from a third origin.
        sidecarBase: '',
        otherOrigin: '',

        // Merged into the props of every start and join answer (the sidecar's open_in, topic, ...).
        answerProps: {} as Record<string, unknown>,
        recorded: [] as Recorded[],
        replies: [] as Array<(command: string) => Reply>,
        counter: 0,
        commandCalls: () => rig.recorded.filter((r) => r.path === '/api/v4/commands/execute'),
        actionCalls: () => rig.recorded.filter((r) => r.path.startsWith('/api/v4/posts/')),
        userLookups: () => rig.recorded.filter((r) => r.path.startsWith('/api/v4/users/username/')),

        // The session user's custom status and preferences, and the websocket (fake_users.ts); its
        // clock runs from the pages' fixed time.
        users: createUsersFake({csrf: CSRF, now: () => NOW + (Date.now() - startedAt)}),

        // What `/plugnmeet options` answers unless a test sets another sheet (contracts/src/options.ts).
        optionsSheet: {...DEFAULT_SHEET} as Record<string, unknown>,

        // Whether the account named plugnmeet is a bot account; false plays a person who took the name.
        botIsBot: true,

        // What `/plugnmeet live` answers (contracts/src/calls.ts LiveSheet).
        liveSheet: {meetings: [], recordings: []} as {meetings: unknown[]; recordings: unknown[]},

        // What the sidecar answers through Mattermost unless a test queued something else:
        // always a short text, plus the link (docs/architecture.md, the command flow).
        defaultReply(command: string): Reply {
            rig.counter++;
            const [, sub, ...rest] = command.split(' ');
            const arg = rest[0] ?? '';

            // The sheet, and no text: Mattermost then posts nothing (app/command.go).
            if (sub === 'options') {
                return {status: 200, body: {response_type: 'ephemeral', text: '', props: {plugnmeet_options: rig.optionsSheet, ...rig.answerProps}}};
            }
            if (sub === 'live') {
                return {status: 200, body: {response_type: 'ephemeral', text: '', props: {plugnmeet_live: rig.liveSheet}}};
            }
            if (sub === 'decline') {
                return {status: 200, body: {response_type: 'ephemeral', text: 'You declined the call; the caller was told.'}};
            }
            let url = '';
            let room = '';
            if (sub === 'start') {
                url = `${rig.base}/meet/?access_token=start-${rig.counter}`;
                room = `room-started-${rig.counter}`;
            } else if (sub === 'join') {
                url = `${rig.base}/meet/?access_token=join-${arg}-${rig.counter}`;
                room = arg || 'room-live-01';
            } else if (sub === 'recordings') {
                url = `${rig.base}/download/recording/${arg}-${rig.counter}`;
            }

            // A start or join names its room (sidecar/src/meetings/commands.ts opening()).
            const props = room ? {join_url: url, plugnmeet_room_id: room, ...rig.answerProps} : {join_url: url};
            return {status: 200, body: {response_type: 'ephemeral', text: 'Opening plugNmeet…', goto_location: url, props}};
        },

        async start() {
            buildDir = mkdtempSync(join(tmpdir(), 'plugnmeet-host-'));
            await buildHostGlobals(buildDir, 'mm10', 'umd');
            await buildHostGlobals(buildDir, 'mm11', 'bundled');
            const vendor = join(__dirname, 'vendor');
            const staticFiles: Record<string, string> = {
                '/static/mm10/react.js': resolveIn('react17', 'umd/react.production.min.js'),
                '/static/mm10/react-dom.js': join(vendor, 'react-dom-17.0.2', 'react-dom.production.min.js'),
                '/static/mm10/react-redux.js': resolveIn('react-redux7', 'dist/react-redux.min.js'),
                '/static/mm11/react.js': resolveIn('react', 'umd/react.development.js'),
                '/static/mm11/react-dom.js': resolveIn('react-dom', 'umd/react-dom.development.js'),
                '/static/host-globals-mm10.js': join(buildDir, 'host-globals-mm10.js'),
                '/static/host-globals-mm11.js': join(buildDir, 'host-globals-mm11.js'),
                '/static/host.js': join(__dirname, 'host', 'host.js'),
                '/static/host-calls.js': join(__dirname, 'host', 'host_calls.js'),
                '/static/desktop.js': join(__dirname, 'host', 'desktop.js'),
                '/static/host-popouts.js': join(__dirname, 'host', 'host_popouts.js'),
                '/static/main.js': join(webappDir, 'dist', 'main.js'),
            };

            server = http.createServer((req, res) => {
                const chunks: Buffer[] = [];
                req.on('data', (chunk) => chunks.push(chunk));
                req.on('end', () => {
                    const url = new URL(req.url ?? '/', 'http://host');
                    const path = url.pathname;
                    const raw = Buffer.concat(chunks).toString('utf8');
                    const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string | string[]> = {}) => {
                        res.writeHead(status, {'Content-Type': type, 'Cache-Control': 'no-store', ...headers});
                        res.end(body);
                    };
                    const json = (status: number, body: unknown) => send(status, 'application/json', JSON.stringify(body));
                    if (req.method === 'GET' && path === '/') {
                        send(200, 'text/html; charset=utf-8', hostPage((url.searchParams.get('host') ?? 'mattermost-11') as HostName), {
                            'Set-Cookie': ['MMAUTHTOKEN=session-1; Path=/; HttpOnly; SameSite=Lax', `MMCSRF=${CSRF}; Path=/; SameSite=Lax`],
                        });
                    } else if (req.method === 'GET' && path.startsWith('/_popout/')) {
                        // Mattermost 11's popout pages: the same webapp, which renders only the popout (host_popouts.js).
                        send(200, 'text/html; charset=utf-8', hostPage('mattermost-11'));
                    } else if (req.method === 'GET' && staticFiles[path]) {
                        send(200, 'text/javascript; charset=utf-8', readFileSync(staticFiles[path]));
                    } else if (req.method === 'GET' && (path.startsWith('/meet/') || path.startsWith('/download/'))) {
                        // Styled like a meeting room for the screenshots in docs/.
                        const room = 'margin:0;height:100vh;display:flex;align-items:center;justify-content:center;background:#232a3b;color:#e8eaf0;font:600 20px sans-serif';
                        send(200, 'text/html; charset=utf-8', `<!DOCTYPE html><title>plugNmeet</title><body style="${room}"><p>plugNmeet</p></body>`);
                    } else if (req.method === 'GET' && path.startsWith('/api/v4/users/username/')) {
                        rig.recorded.push({method: req.method, path, headers: req.headers, body: null});
                        if (path === '/api/v4/users/username/plugnmeet') {
                            json(200, {id: BOT_USER_ID, username: 'plugnmeet', is_bot: rig.botIsBot});
                        } else {
                            json(404, {id: 'app.user.missing_account.const', message: 'Unable to find the user.', status_code: 404});
                        }
                    } else if (req.method === 'POST' && path === '/api/v4/commands/execute') {
                        const body = JSON.parse(raw);

                        // api4/command.go executeCommand: no create_post in the channel -> 403
                        // (c.SetPermissionError(model.PermissionCreatePost), model/permission.go MakePermissionError).
                        const denied = {status: 403, body: {id: 'api.context.permissions.app_error', message: 'You do not have the appropriate permissions.', status_code: 403}};
                        const reply = body.channel_id === READ_ONLY_CHANNEL ? denied : (rig.replies.shift() ?? rig.defaultReply)(String(body.command));
                        rig.recorded.push({method: req.method, path, headers: req.headers, body, reply: reply.body});
                        json(reply.status, reply.body);
                    } else if (req.method === 'POST' && (/^\/api\/v4\/posts\/[^/]+\/actions\/[^/]+$/).test(path)) {
                        // Post actions need only read access to the channel (api4/post.go doPostAction).
                        rig.recorded.push({method: req.method, path, headers: req.headers, body: JSON.parse(raw)});
                        json(200, {status: 'OK', trigger_id: ''});
                    } else if (rig.users.handle(req, path, raw, res, json)) {
                        // Answered by fake_users.ts.
                    } else if (path === '/favicon.ico') {
                        send(204, 'image/x-icon', '');
                    } else if (path === '/ping') {
                        send(200, 'text/plain', 'pong');
                    } else {
                        json(404, {id: 'api.context.404.app_error', message: 'Not found', status_code: 404});
                    }
                });
            });
            await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
            rig.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
            sidecar = http.createServer((req, res) => {
                if (req.method === 'GET' && new URL(req.url ?? '/', 'http://host').pathname === MEETING_ENDED_PATH) {
                    res.writeHead(200, {'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store'});
                    res.end(endPageHtml(rig.base));
                } else {
                    res.writeHead(404, {'Content-Type': 'text/plain'});
                    res.end('not found');
                }
            });
            await new Promise<void>((resolve) => sidecar.listen(0, '127.0.0.1', resolve));
            const sidecarPort = (sidecar.address() as AddressInfo).port;
            rig.sidecarBase = `http://localhost:${sidecarPort}`;
            rig.otherOrigin = `http://127.0.0.1:${sidecarPort}`;
            browser = await chromium.launch({
                executablePath: '/usr/bin/chromium',
                headless: true,
                args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
            });
        },

        /** A fresh browser context with the host page loaded and the plugin registered. */
        async openHost(host: HostName, {installClock = false, openIn = {openIn: 'browser', desktopEmbed: false, endOrigin: '', learnedAt: NOW}}: {installClock?: boolean; openIn?: RememberedOpenIn} = {}) {
            const context: BrowserContext = await browser.newContext({
                viewport: {width: 900, height: 700},
                deviceScaleFactor: 2,
                locale: 'en-US',
                timezoneId: 'UTC',
                userAgent: host === 'desktop' ? DESKTOP_USER_AGENT : undefined,
            });

            // Remembered from an earlier answer, so the page asks the sidecar nothing at start-up.
            if (openIn) {
                await context.addInitScript((remembered) => {
                    try {
                        window.localStorage.setItem('plugnmeet.open_in', remembered);
                    } catch {
                        // A document without storage (an error page, about:blank).
                    }
                }, JSON.stringify(openIn));
            }
            const page: Page = await context.newPage();
            const errors: string[] = [];
            page.on('console', (message) => {
                // Chromium logs the 4xx/5xx answers some tests provoke on purpose.
                const provoked = message.text().startsWith('Failed to load resource') && message.location().url.startsWith(rig.base + '/api/v4/');
                if (message.type() === 'error' && !provoked) {
                    errors.push(`${message.text()} (${message.location().url})`);
                }
            });
            page.on('pageerror', (error) => errors.push(String(error)));

            // A fixed Date; or (installClock) a clock whose timers the test moves on with page.clock.runFor.
            if (installClock) {
                await page.clock.install({time: NOW});
            } else {
                await page.clock.setFixedTime(NOW);
            }
            await page.goto(`${rig.base}/?host=${host}`);
            await page.waitForFunction(() => (window as any).hostRegistered().pluginId !== '');
            return {context, page, errors};
        },

        async render(page: Page, scene: Scene, state: Record<string, unknown> = {}) {
            const fullScene = {theme: denim, locale: 'en', width: 640, appBar: true, channel: {id: 'chan1', team_id: 'team1', type: 'O', name: 'town-square'}, ...scene};
            const fullState = {
                entities: {
                    teams: {currentTeamId: 'team1'},
                    channels: {currentChannelId: fullScene.channel.id},
                    posts: {posts: {}},
                    users: {currentUserId: 'me', profiles: {me: {id: 'me', username: 'me', locale: fullScene.locale}}},
                },
                views: {rhs: {selectedPostId: ''}},
                ...state,
            };
            await page.evaluate(([s, st]) => (window as any).hostRender(s, st), [fullScene, fullState] as const);
        },

        async stop() {
            rig.users.closeAll();
            await browser?.close();
            await new Promise((resolve) => server?.close(resolve));
            await new Promise((resolve) => sidecar?.close(resolve));
            if (buildDir) {
                rmSync(buildDir, {recursive: true, force: true});
            }
        },
    };
    return rig;
}

// Posts as the sidecar writes them (contracts/src/index.ts), authored by the bot.
const fallbackActions = [{text: 'Join from the mobile app', actions: [{id: 'join', name: 'Join', type: 'button'}, {id: 'refresh', name: 'Refresh', type: 'button'}]}];

export function cardPost(id: string, props: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return {
        id, channel_id: 'chan1', root_id: '', user_id: BOT_USER_ID, type: 'custom_plugnmeet', message: 'plugNmeet meeting',
        create_at: NOW - minutes(30), update_at: NOW - 30_000, edit_at: 0, delete_at: 0,
        props: {attachments: fallbackActions, ...props},
        ...extra,
    };
}

export const livePost = cardPost('post-live', {
    plugnmeet_room_id: 'room-live-01', meeting_topic: 'Sprint 42 review', meeting_status: 'live',
    meeting_creator_id: 'u-alice', meeting_creator_username: 'alice', meeting_started_at: NOW - minutes(28), meeting_participants: 3,
});
export const endedPost = cardPost('post-ended', {
    plugnmeet_room_id: 'room-ended-01', meeting_topic: 'Incident retro', meeting_status: 'ended',
    meeting_creator_id: 'u-bob', meeting_creator_username: 'bob', meeting_started_at: NOW - minutes(125),
    meeting_ended_at: NOW - minutes(78), meeting_participants: 6,
});
export const stalePost = cardPost('post-stale', {
    plugnmeet_room_id: 'room-stale-01', meeting_topic: 'Design sync', meeting_status: 'live',
    meeting_creator_username: 'carol', meeting_started_at: NOW - minutes(50), meeting_participants: 2,
}, {update_at: NOW - minutes(20)});
export const recordingPost = {
    id: 'post-rec', channel_id: 'chan1', root_id: 'post-ended', user_id: BOT_USER_ID, type: 'custom_plugnmeet_recording',
    message: 'Recording', create_at: NOW - minutes(60), update_at: NOW - minutes(60), edit_at: 0, delete_at: 0,
    props: {
        plugnmeet_room_id: 'room-ended-01', plugnmeet_record_id: 'REC_7', recording_size_mb: 245.3, recording_created_at: NOW - minutes(70),
        recording_id: 'REC_7', topic: 'Incident retro', started_at: NOW - minutes(125), duration_ms: minutes(47),
        attachments: [{actions: [{id: 'download', name: 'Download', type: 'button'}]}],
    },
};

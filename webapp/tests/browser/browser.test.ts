// End to end in a real browser: Debian's Chromium loads the built main.js into a page that
// provides what Mattermost provides (React 18.2 UMD, ReactDOM, Redux, ReactRedux, ReactIntl,
// window.registerPlugin) and a local HTTP server that answers the Mattermost API like the
// real server does, recording every request so the test can check what the plugin sent.
import {mkdirSync, mkdtempSync, readFileSync, rmSync} from 'fs';
import http from 'http';
import type {AddressInfo} from 'net';
import {tmpdir} from 'os';
import {dirname, join} from 'path';

import {chromium} from 'playwright-core';
import type {Browser, BrowserContext, Page} from 'playwright-core';
import webpack from 'webpack';

const webappDir = join(__dirname, '..', '..');
const rootDir = join(webappDir, '..');
const docsDir = join(rootDir, 'docs');
const manifest = JSON.parse(readFileSync(join(rootDir, 'plugin.json'), 'utf8'));

// Chromium start-up and the host bundle build take a few seconds on a loaded machine.
jest.setTimeout(120_000);

const CSRF = 'csrf-test-token';
const NOW = Date.UTC(2026, 10, 22, 11, 0);
const minutes = (n: number) => n * 60 * 1000;

const denim = {
    centerChannelBg: '#ffffff', centerChannelColor: '#3f4350', buttonBg: '#1c58d9', buttonColor: '#ffffff',
    onlineIndicator: '#3db887', awayIndicator: '#ffbc1f', dndIndicator: '#d24b4e', errorTextColor: '#d24b4e', linkColor: '#386fe5',
};
const onyx = {
    centerChannelBg: '#191b1f', centerChannelColor: '#e3e4e8', buttonBg: '#4a7ce8', buttonColor: '#ffffff',
    onlineIndicator: '#3db887', awayIndicator: '#f5ab00', dndIndicator: '#d24b4e', errorTextColor: '#da6c6e', linkColor: '#5d89ea',
};

const fallbackActions = [{text: 'Join from the mobile app', actions: [{id: 'join', name: 'Join', type: 'button'}, {id: 'refresh', name: 'Refresh', type: 'button'}]}];

function cardPost(id: string, props: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return {
        id, channel_id: 'chan1', root_id: '', user_id: 'bot1', type: 'custom_plugnmeet', message: 'plugNmeet meeting',
        create_at: NOW - minutes(30), update_at: NOW - 30_000, edit_at: 0, delete_at: 0,
        props: {attachments: fallbackActions, ...props},
        ...extra,
    };
}

const livePost = cardPost('post-live', {
    plugnmeet_room_id: 'room-live-01', meeting_topic: 'Sprint 42 review', meeting_status: 'live',
    meeting_creator_id: 'u-alice', meeting_creator_username: 'alice', meeting_started_at: NOW - minutes(28), meeting_participants: 3,
});
const endedPost = cardPost('post-ended', {
    plugnmeet_room_id: 'room-ended-01', meeting_topic: 'Incident retro', meeting_status: 'ended',
    meeting_creator_id: 'u-bob', meeting_creator_username: 'bob', meeting_started_at: NOW - minutes(125),
    meeting_ended_at: NOW - minutes(78), meeting_participants: 6,
});
const stalePost = cardPost('post-stale', {
    plugnmeet_room_id: 'room-stale-01', meeting_topic: 'Design sync', meeting_status: 'live',
    meeting_creator_username: 'carol', meeting_started_at: NOW - minutes(50), meeting_participants: 2,
}, {update_at: NOW - minutes(20)});
const recordingPost = {
    id: 'post-rec', channel_id: 'chan1', root_id: 'post-ended', user_id: 'bot1', type: 'custom_plugnmeet_recording',
    message: 'Recording', create_at: NOW - minutes(60), update_at: NOW - minutes(60), edit_at: 0, delete_at: 0,
    props: {plugnmeet_room_id: 'room-ended-01', plugnmeet_record_id: 'REC_7', recording_size_mb: 245.3, recording_created_at: NOW - minutes(70)},
};

type Recorded = {method: string; path: string; headers: http.IncomingHttpHeaders; body: any; reply?: any};
type Reply = {status: number; body: unknown};

/** Waits for something the page does asynchronously; the jest timeout bounds it. */
async function until(condition: () => boolean): Promise<void> {
    while (!condition()) {
        await new Promise((resolve) => setTimeout(resolve, 20));
    }
}

async function buildHostGlobals(outDir: string): Promise<void> {
    const compiler = webpack({
        mode: 'development',
        devtool: false,
        entry: join(__dirname, 'host', 'host_globals.js'),
        output: {path: outDir, filename: 'host-globals.js'},
        externals: {react: 'React', 'react-dom': 'ReactDOM'},
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

describe('plugin in a real browser', () => {
    let server: http.Server;
    let base = '';
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let buildDir: string;
    const recorded: Recorded[] = [];
    const replies: Array<(command: string) => Reply> = [];
    const browserErrors: string[] = [];
    let counter = 0;

    const commandCalls = () => recorded.filter((r) => r.path === '/api/v4/commands/execute');
    const actionCalls = () => recorded.filter((r) => r.path.startsWith('/api/v4/posts/'));

    // What the sidecar answers through Mattermost unless a test queued something else.
    function defaultReply(command: string): Reply {
        counter++;
        const [, sub, arg] = command.split(' ');
        let url = '';
        if (sub === 'start') {
            url = `${base}/meet/?access_token=start-${counter}`;
        } else if (sub === 'join') {
            url = `${base}/meet/?access_token=join-${arg}-${counter}`;
        } else if (sub === 'recordings') {
            url = `${base}/download/recording/${arg}-${counter}`;
        }
        return {status: 200, body: {response_type: 'ephemeral', text: '', goto_location: url, props: {join_url: url}}};
    }

    async function render(scene: {posts: unknown[]; theme?: typeof denim; locale?: string; compact?: boolean; rhs?: boolean; width?: number}, state: object = {}) {
        const fullScene = {theme: denim, locale: 'en', width: 640, channel: {id: 'chan1', team_id: 'team1', type: 'O', name: 'town-square'}, ...scene};
        const fullState = {
            entities: {
                general: {config: {SiteURL: base}},
                teams: {currentTeamId: 'team1'},
                channels: {currentChannelId: 'chan1'},
                posts: {posts: {}},
                users: {currentUserId: 'me', profiles: {me: {locale: fullScene.locale}}},
            },
            views: {rhs: {selectedPostId: ''}},
            ...state,
        };
        await page.evaluate(([s, st]) => (window as any).hostRender(s, st), [fullScene, fullState] as const);
    }

    async function clickAndGetPopup(selector: string): Promise<Page> {
        const [popup] = await Promise.all([context.waitForEvent('page'), page.click(selector)]);
        return popup;
    }

    beforeAll(async () => {
        buildDir = mkdtempSync(join(tmpdir(), 'plugnmeet-host-'));
        await buildHostGlobals(buildDir);

        const staticFiles: Record<string, string> = {
            '/static/react.js': join(dirname(require.resolve('react/package.json')), 'umd', 'react.development.js'),
            '/static/react-dom.js': join(dirname(require.resolve('react-dom/package.json')), 'umd', 'react-dom.development.js'),
            '/static/host-globals.js': join(buildDir, 'host-globals.js'),
            '/static/host.js': join(__dirname, 'host', 'host.js'),
            '/static/main.js': join(webappDir, 'dist', 'main.js'),
        };

        server = http.createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (chunk) => chunks.push(chunk));
            req.on('end', () => {
                const path = (req.url ?? '/').split('?')[0];
                const raw = Buffer.concat(chunks).toString('utf8');
                const send = (status: number, type: string, body: string | Buffer, headers: Record<string, string | string[]> = {}) => {
                    res.writeHead(status, {'Content-Type': type, 'Cache-Control': 'no-store', ...headers});
                    res.end(body);
                };
                if (req.method === 'GET' && path === '/') {
                    send(200, 'text/html; charset=utf-8', readFileSync(join(__dirname, 'host', 'index.html')), {
                        'Set-Cookie': ['MMAUTHTOKEN=session-1; Path=/; HttpOnly; SameSite=Lax', `MMCSRF=${CSRF}; Path=/; SameSite=Lax`],
                    });
                } else if (req.method === 'GET' && staticFiles[path]) {
                    send(200, 'text/javascript; charset=utf-8', readFileSync(staticFiles[path]));
                } else if (req.method === 'GET' && (path.startsWith('/meet/') || path.startsWith('/download/'))) {
                    send(200, 'text/html; charset=utf-8', '<!DOCTYPE html><title>plugNmeet</title><p>plugNmeet</p>');
                } else if (req.method === 'POST' && path === '/api/v4/commands/execute') {
                    const body = JSON.parse(raw);
                    const reply = (replies.shift() ?? defaultReply)(String(body.command));
                    recorded.push({method: req.method, path, headers: req.headers, body, reply: reply.body});
                    send(reply.status, 'application/json', JSON.stringify(reply.body));
                } else if (req.method === 'POST' && /^\/api\/v4\/posts\/[^/]+\/actions\/[^/]+$/.test(path)) {
                    recorded.push({method: req.method, path, headers: req.headers, body: JSON.parse(raw)});
                    send(200, 'application/json', JSON.stringify({status: 'OK', trigger_id: ''}));
                } else if (path === '/favicon.ico') {
                    send(204, 'image/x-icon', '');
                } else if (path === '/ping') {
                    send(200, 'text/plain', 'pong');
                } else {
                    send(404, 'application/json', JSON.stringify({id: 'api.context.404.app_error', message: 'Not found', status_code: 404}));
                }
            });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

        browser = await chromium.launch({
            executablePath: '/usr/bin/chromium',
            headless: true,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        });
        context = await browser.newContext({viewport: {width: 900, height: 700}, deviceScaleFactor: 2, locale: 'en-US', timezoneId: 'UTC'});
        page = await context.newPage();
        page.on('console', (message) => {
            // Chromium logs the 404/500 answers the error tests provoke on purpose.
            const provoked = message.text().startsWith('Failed to load resource') && message.location().url.endsWith('/api/v4/commands/execute');
            if (message.type() === 'error' && !provoked) {
                browserErrors.push(`${message.text()} (${message.location().url})`);
            }
        });
        page.on('pageerror', (error) => browserErrors.push(String(error)));
        await page.clock.setFixedTime(NOW);
        await page.goto(base + '/');
        await page.waitForFunction(() => (window as any).hostRegistered.pluginId !== '');
        mkdirSync(docsDir, {recursive: true});
    });

    afterAll(async () => {
        await browser?.close();
        await new Promise((resolve) => server?.close(resolve));
        rmSync(buildDir, {recursive: true, force: true});
    });

    afterEach(async () => {
        for (const other of context.pages()) {
            if (other !== page) {
                await other.close();
            }
        }
    });

    it('registers itself with the host like a Mattermost plugin', async () => {
        const registered = await page.evaluate(() => {
            const r = (window as any).hostRegistered;
            return {
                pluginId: r.pluginId,
                header: r.header.length,
                appBarIcon: r.appBar[0]?.iconUrl,
                postTypes: Object.keys(r.postTypes).sort(),
                roots: r.roots.length,
                germanJoin: r.getTranslations('de')['plugnmeet.card.join'],
            };
        });
        expect(registered).toEqual({
            pluginId: manifest.id,
            header: 1,
            appBarIcon: expect.stringMatching(/^data:image\/svg\+xml/),
            postTypes: ['custom_plugnmeet', 'custom_plugnmeet_recording'],
            roots: 1,
            germanJoin: 'Beitreten',
        });
        // The App Bar icon must actually load as an image.
        await render({posts: []});
        const width = await page.$eval('#app-bar-icon-0', (img) => (img as HTMLImageElement).naturalWidth);
        expect(width).toBeGreaterThan(0);
    });

    it.each([
        ['light', denim, 'rgb(63, 67, 80)', 'rgb(28, 88, 217)'],
        ['dark', onyx, 'rgb(227, 228, 232)', 'rgb(74, 124, 232)'],
    ])('renders a live meeting in the %s theme', async (name, theme, textColor, buttonColor) => {
        await render({posts: [livePost], theme});
        const card = page.locator('[data-post-id="post-live"] [data-testid="plugnmeet-meeting-card"]');
        await card.waitFor();
        const text = await card.innerText();
        expect(text).toContain('Sprint 42 review');
        expect(text).toMatch(/live/i);
        expect(text).toContain('3 participants');
        expect(text).toContain('Started by @alice · 10:32 AM');
        expect(text).not.toContain('Join from the mobile app');
        const joinButton = card.getByRole('button', {name: 'Join meeting'});
        expect(await joinButton.isEnabled()).toBe(true);
        expect(await card.evaluate((el) => getComputedStyle(el).color)).toBe(textColor);
        expect(await joinButton.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(buttonColor);
        await page.locator('#posts').screenshot({path: join(docsDir, `card-live-${name}.png`), animations: 'disabled'});
    });

    it.each([
        ['light', denim],
        ['dark', onyx],
    ])('renders an ended meeting in the %s theme, with Join disabled', async (name, theme) => {
        await render({posts: [endedPost, recordingPost], theme});
        const card = page.locator('[data-post-id="post-ended"] [data-testid="plugnmeet-meeting-card"]');
        await card.waitFor();
        const text = await card.innerText();
        expect(text).toContain('Incident retro');
        expect(text).toMatch(/ended/i);
        expect(text).toContain('Lasted 47 min');
        expect(text).toContain('6 participants at most');
        expect(text).toContain('This meeting has ended.');
        expect(await card.getByRole('button', {name: 'Join meeting'}).isDisabled()).toBe(true);
        expect(await card.evaluate((el) => getComputedStyle(el).color)).toBe(name === 'dark' ? 'rgb(227, 228, 232)' : 'rgb(63, 67, 80)');
        const recording = await page.locator('[data-testid="plugnmeet-recording-card"]').innerText();
        expect(recording).toContain('245.3 MB');
        await page.locator('#posts').screenshot({path: join(docsDir, `card-ended-${name}.png`), animations: 'disabled'});
    });

    it('joins: one click opens the personal link the server returned, and sends the right command', async () => {
        await render({posts: [livePost]});
        const before = commandCalls().length;
        const popup = await clickAndGetPopup('[data-post-id="post-live"] button');
        await popup.waitForURL(/access_token=join-room-live-01-/);

        const calls = commandCalls().slice(before);
        expect(calls).toHaveLength(1);
        expect(calls[0].body).toEqual({command: '/plugnmeet join room-live-01', channel_id: 'chan1', team_id: 'team1', root_id: 'post-live'});
        expect(calls[0].headers['x-requested-with']).toBe('XMLHttpRequest');
        expect(calls[0].headers['x-csrf-token']).toBe(CSRF);
        expect(calls[0].headers.cookie).toContain('MMAUTHTOKEN=session-1');
        expect(popup.url()).toBe(calls[0].reply.goto_location);
        expect(await popup.evaluate(() => window.opener)).toBeNull();
    });

    it('starts from the header button in the current channel', async () => {
        await render({posts: [livePost]});
        const before = commandCalls().length;
        const popup = await clickAndGetPopup('#channel-header-button-0');
        await popup.waitForURL(/access_token=start-/);
        const calls = commandCalls().slice(before);
        expect(calls.map((c) => c.body)).toEqual([{command: '/plugnmeet start', channel_id: 'chan1', team_id: 'team1', root_id: ''}]);
        expect(popup.url()).toBe(calls[0].reply.goto_location);
    });

    it('starts from the App Bar in the thread open in the right-hand sidebar', async () => {
        await render({posts: [endedPost]}, {
            entities: {
                general: {config: {SiteURL: base}},
                teams: {currentTeamId: 'team1'},
                posts: {posts: {'post-ended': endedPost}},
            },
            views: {rhs: {selectedPostId: 'post-ended'}},
        });
        const before = commandCalls().length;
        const popup = await clickAndGetPopup('#app-bar-icon-0');
        await popup.waitForURL(/access_token=start-/);
        expect(commandCalls().slice(before).map((c) => c.body)).toEqual([{command: '/plugnmeet start --root post-ended', channel_id: 'chan1', team_id: 'team1', root_id: 'post-ended'}]);
    });

    it.each([
        [404, {id: 'api.command.execute_command.not_found.app_error', message: "Command with a trigger of 'plugnmeet' not found.", status_code: 404}, 'Ask your system admin to set up /plugnmeet in this team.'],
        [500, {id: 'api.command.execute_command.failed.app_error', message: "Command with a trigger of 'plugnmeet' failed.", status_code: 500}, 'The plugNmeet service did not answer.'],
    ])('shows a clear notice when Mattermost answers %i, and closes the pre-opened window', async (status, body, expected) => {
        await render({posts: [livePost]});
        replies.push(() => ({status, body}));
        const popup = await clickAndGetPopup('#channel-header-button-0');
        if (!popup.isClosed()) {
            await popup.waitForEvent('close');
        }
        const notice = page.getByRole('alert');
        await notice.waitFor();
        expect(await notice.innerText()).toContain('Could not start the meeting');
        expect(await notice.innerText()).toContain(expected);
        if (status === 404) {
            // With a margin, so the notice's shadow is in the picture.
            const box = (await page.locator('.plugnmeet-notices').boundingBox())!;
            await page.screenshot({path: join(docsDir, 'notice-not-set-up.png'), clip: {x: box.x - 16, y: box.y - 16, width: box.width + 32, height: box.height + 32}});
        }
        await page.getByRole('button', {name: 'Dismiss'}).click();
        await notice.waitFor({state: 'detached'});
    });

    it('does not repeat a text answer that Mattermost already shows as an ephemeral post', async () => {
        await render({posts: [livePost]});
        replies.push(() => ({status: 200, body: {response_type: 'ephemeral', text: 'A meeting is already live in this channel. Use the Join button on its card.', props: {}}}));
        const popup = await clickAndGetPopup('#channel-header-button-0');
        if (!popup.isClosed()) {
            await popup.waitForEvent('close');
        }
        await page.evaluate(() => fetch('/ping'));
        expect(await page.locator('.plugnmeet-notices').count()).toBe(0);
    });

    it('downloads a recording through /plugnmeet recordings', async () => {
        await render({posts: [endedPost, recordingPost]});
        const before = commandCalls().length;
        const popup = await clickAndGetPopup('[data-testid="plugnmeet-recording-card"] button');
        await popup.waitForURL(/\/download\/recording\/REC_7-/);
        const calls = commandCalls().slice(before);
        expect(calls.map((c) => c.body)).toEqual([{command: '/plugnmeet recordings REC_7', channel_id: 'chan1', team_id: 'team1', root_id: 'post-ended'}]);
        expect(popup.url()).toBe(calls[0].reply.goto_location);
    });

    it('refreshes a stale live card once through its refresh button action, never a fresh or an ended one', async () => {
        await render({posts: []});
        const before = actionCalls().length;
        const oldEnded = {...endedPost, id: 'post-ended-old', update_at: NOW - minutes(60)};
        await render({posts: [livePost, stalePost, oldEnded]});
        await page.waitForFunction(() => document.querySelectorAll('[data-testid="plugnmeet-meeting-card"]').length === 3);
        await until(() => actionCalls().length > before);

        const [call] = actionCalls().slice(before);
        expect(call.path).toBe('/api/v4/posts/post-stale/actions/refresh');
        expect(call.body).toEqual({selected_option: '', cookie: ''});
        expect(call.headers['x-csrf-token']).toBe(CSRF);

        // Mattermost applies the update and re-renders the same card: no second request.
        const updated = {...stalePost, props: {...stalePost.props, meeting_participants: 4}};
        await render({posts: [livePost, updated]});
        await page.getByText('4 participants').waitFor();
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)).then(() => fetch('/ping')));
        expect(actionCalls().slice(before).map((c) => c.path)).toEqual(['/api/v4/posts/post-stale/actions/refresh']);

        // Scrolled away and back within the minute (a new mount, the post still old): no new request.
        await render({posts: []});
        await render({posts: [stalePost]});
        await page.getByText('Design sync').waitFor();
        await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)).then(() => fetch('/ping')));
        expect(actionCalls().slice(before).map((c) => c.path)).toEqual(['/api/v4/posts/post-stale/actions/refresh']);
    });

    it('fits the right-hand sidebar and compact mode', async () => {
        await render({posts: [livePost], compact: true, rhs: true, width: 360});
        const card = page.locator('[data-testid="plugnmeet-meeting-card"]');
        await card.waitFor();
        const box = await card.boundingBox();
        const main = await page.locator('#posts').boundingBox();
        expect(box!.width).toBeLessThanOrEqual(main!.width);
        expect(box!.width).toBeGreaterThan(300);
        expect(await card.getByRole('button', {name: 'Join meeting'}).isVisible()).toBe(true);
        const buttonHeight = await card.getByRole('button').evaluate((el) => el.getBoundingClientRect().height);
        expect(buttonHeight).toBe(28);
    });

    it('speaks the user\'s language through the registered translations', async () => {
        await render({posts: [livePost, endedPost], locale: 'de'});
        await page.getByRole('button', {name: 'Beitreten'}).first().waitFor();
        expect(await page.locator('#posts').innerText()).toContain('Diese Besprechung ist beendet.');
    });

    it('logged no errors in the page', () => {
        expect(browserErrors).toEqual([]);
    });
});

// The slash-command request exactly as Mattermost sends it (app/command.go
// tryExecuteCustomCommand, built by sidecar/test/fakes/mattermost.ts commandRequest), over a
// keep-alive pool, so the bench measures the path Mattermost calls and nothing else.
import type {Pool} from 'undici';
import type {FakeMattermost} from '../sidecar/test/fakes/mattermost.js';

/** What the fake Mattermost's commandRequest builds: the server's headers and form body. */
export type CommandRequest = ReturnType<FakeMattermost['commandRequest']>;

/** Sends one command; resolves with the JSON answer, throws unless it is HTTP 200 JSON. */
export async function sendCommand(pool: Pool, req: CommandRequest): Promise<any> {
    const res = await pool.request({method: 'POST', path: '/mattermost/command', headers: req.headers, body: req.body});
    const text = await res.body.text();
    if (res.statusCode !== 200 || !String(res.headers['content-type']).startsWith('application/json')) {
        throw new Error(`HTTP ${res.statusCode}: ${text.slice(0, 200)}`);
    }
    return JSON.parse(text);
}

/** A command whose answer must open a meeting (start or join): throws with the sidecar's text otherwise. */
export async function sendOpening(pool: Pool, req: CommandRequest): Promise<any> {
    const answer = await sendCommand(pool, req);
    if (!answer.goto_location) {
        throw new Error(`no goto_location: ${String(answer.text).slice(0, 200)}`);
    }
    return answer;
}

// The slash-command request exactly as Mattermost sends it (app/command.go
// tryExecuteCustomCommand, mirrored by sidecar/test/fakes/mattermost.ts sendCommand), over a
// keep-alive pool, so the bench measures the path Mattermost calls and nothing else.
import {randomBytes} from 'node:crypto';
import {stringify as formEncode} from 'node:querystring';
import type {Pool} from 'undici';
import type {MmChannel, MmTeam, MmUser} from '../sidecar/test/fakes/mattermost.js';
import {newId} from '../sidecar/test/fakes/mattermost.js';

export interface CommandRequest {
    headers: Record<string, string>;
    body: string;
}

/** Built ahead of the storm: the random trigger_id and response_url cost the sidecar nothing. */
export function commandRequest(a: {mmUrl: string; token: string; team: MmTeam; channel: MmChannel; user: MmUser; text: string}): CommandRequest {
    const form = {
        token: a.token,
        team_id: a.team.id,
        team_domain: a.team.name,
        channel_id: a.channel.id,
        channel_name: a.channel.name,
        user_id: a.user.id,
        user_name: a.user.username,
        command: '/plugnmeet',
        text: a.text,
        trigger_id: randomBytes(48).toString('base64'),
        response_url: `${a.mmUrl}/hooks/commands/${newId()}`,
    };
    return {
        headers: {'accept': 'application/json', 'content-type': 'application/x-www-form-urlencoded', 'authorization': 'Token ' + a.token},
        body: formEncode(form),
    };
}

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

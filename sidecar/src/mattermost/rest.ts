// REST v4 as the bot on a keep-alive undici pool, for the calls on the hot paths: a join's profile
// look-ups, a start's channel, membership and card, a card's edits. Client4 makes the same requests
// through fetch, which cost a start several times the CPU (see docs/development.md, Benchmark);
// `setup`, `doctor` and the rare calls keep Client4.
import {Pool} from 'undici';

/** A refusal with Mattermost's HTTP status (statusOf in client.ts reads it as it reads Client4's). */
export class MattermostHttpError extends Error {
    constructor(readonly status: number, what: string) {
        super(`Mattermost answered HTTP ${status} to ${what}`);
    }
}

export function restPool(o: {url: string; botToken: string; timeoutMs?: number}) {
    const base = new URL(o.url);
    const prefix = base.pathname.replace(/\/+$/, '');
    const timeoutMs = o.timeoutMs ?? 10_000;
    const connections = 32;
    const pool = new Pool(base.origin, {connections, keepAliveTimeout: 30_000, connectTimeout: timeoutMs, headersTimeout: timeoutMs, bodyTimeout: timeoutMs});
    const headers = {authorization: `Bearer ${o.botToken}`, accept: 'application/json'};
    const withBody = {...headers, 'content-type': 'application/json'};
    let inFlight = 0;

    /** The answer's JSON; a status of 300 or more throws MattermostHttpError. `what` names the call in errors (never ids or tokens). */
    async function call<T>(method: 'GET' | 'POST' | 'PUT', path: string, what: string, body?: unknown): Promise<T> {
        inFlight++;
        try {
            const res = await pool.request({
                method, path: prefix + path, headers: body === undefined ? headers : withBody, body: body === undefined ? undefined : JSON.stringify(body),
                // The pool's timeouts bound a call with a connection free; one that must queue gets a deadline too.
                signal: inFlight > connections ? AbortSignal.timeout(timeoutMs) : undefined,
            });
            const text = await res.body.text();
            if (res.statusCode >= 300) {
                throw new MattermostHttpError(res.statusCode, what);
            }
            return (text ? JSON.parse(text) : undefined) as T;
        } finally {
            inFlight--;
        }
    }
    return {call, close: () => pool.close()};
}

export type RestPool = ReturnType<typeof restPool>;

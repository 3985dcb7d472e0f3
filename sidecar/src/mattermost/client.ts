// The Client4 every Mattermost call goes through: one token, a timeout on every call, no cookies.
import mmClient from '@mattermost/client';
import {MattermostHttpError} from './rest.js';

const {Client4, ClientError} = mmClient;

/** Client4 has no per-call timeout option; every request it makes goes through getOptions. */
class TimedClient4 extends Client4 {
    constructor(private readonly timeoutMs: number) {
        super();
    }
    override getOptions(options: Parameters<InstanceType<typeof Client4>['getOptions']>[0]) {
        return {...super.getOptions(options), signal: AbortSignal.timeout(this.timeoutMs)};
    }
}

/** The HTTP status of a refused call, through Client4 or the REST pool. */
export function statusOf(err: unknown): number | undefined {
    if (err instanceof ClientError) {
        return err.status_code;
    }
    return err instanceof MattermostHttpError ? err.status : undefined;
}

/** A Client4 for one token, with a timeout on every call and no cookies (server side). */
export function connect(url: string, token: string, timeoutMs = 10_000) {
    const client = new TimedClient4(timeoutMs);
    client.setUrl(url);
    client.setToken(token);
    client.setIncludeCookies(false);
    return client;
}

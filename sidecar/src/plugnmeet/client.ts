// The one plugNmeet client: signed JSON calls to plugNmeet's /auth API over a keep-alive pool.
// Facts (as test/fakes/plugnmeet.ts enforces them): HMAC-SHA256 lowercase hex of the exact body bytes,
// snake_case protojson, int64 as strings, business errors as HTTP 200 with status:false.
import {createHmac, createSecretKey} from 'node:crypto';
import {Pool} from 'undici';
import type {MeetingOptions} from '@plugnmeet/contracts';
import {readArtifactList, type Artifact} from './artifacts.js';
import {protobufString} from './protobuf.js';
import {roomOptionFields, type RecapFields} from './room-options.js';

export type PlugnmeetErrorKind = 'unreachable' | 'http' | 'rejected' | 'invalid';

export class PlugnmeetError extends Error {
    constructor(readonly kind: PlugnmeetErrorKind, message: string, readonly statusCode?: string) {
        super(message);
        this.name = 'PlugnmeetError';
    }
}

export interface RoomInfo {
    roomId: string;
    sid: string;
    title: string;
    participants: number;
    isRunning: boolean;
    creationTime: number; // seconds
}

export interface CreateRoomInput {
    roomId: string;
    title: string;
    webhookUrl: string;
    logoutUrl?: string;
    extraData?: Record<string, string>;
    /** The meeting's options; none: plugNmeet's defaults. */
    options?: MeetingOptions;
    /** The admin's default welcome in force: the one welcome sent as HTML (room-options.ts). */
    adminWelcome?: string;
    /** What the recap needs of the room (the attendance file, the summary's prompt). */
    recap?: RecapFields;
}

export interface JoinTokenInput {
    roomId: string;
    userId: string;
    name: string;
    isAdmin: boolean;
    /** user_metadata.lock_settings (plugnmeet_gen_token.proto): what this person may not use, e.g. {lock_screen_sharing: true}. */
    lockSettings?: Record<string, boolean>;
}

export interface Recording {
    recordId: string;
    roomId: string;
    roomSid: string;
    fileSizeMb: number;
    createdAt: number; // seconds
}

export interface PlugnmeetClient {
    createRoom(input: CreateRoomInput): Promise<RoomInfo>;
    getJoinToken(input: JoinTokenInput): Promise<string>;
    /** Live room info, or null when plugNmeet says the room is not active. */
    getActiveRoomInfo(roomId: string): Promise<RoomInfo | null>;
    /** Ends the room; true if it was live, false if it had already ended. */
    endRoom(roomId: string): Promise<boolean>;
    fetchRecordings(roomIds: string[]): Promise<Recording[]>;
    getRecordingDownloadToken(recordId: string): Promise<string>;
    /** The artifacts the recap posts of these rooms' sessions (at most 100, newest first); none found is []. */
    fetchArtifacts(roomIds: string[]): Promise<Artifact[]>;
    /** An artifact's file, through a download token (the file's path is never a URL); at most `maxBytes`. */
    downloadArtifact(artifactId: string, maxBytes: number): Promise<string>;
    /** A signed no-op call: proves URL and API credentials work. */
    ping(): Promise<void>;
    /**
     * Which plugNmeet generation answers, from how it refuses a create that no server accepts
     * (nothing is created): '2.x' reads a map extra_data, '1.x' wants a string there.
     */
    generation(): Promise<PlugnmeetGeneration>;
    /** The exact server version, as /api/verifyToken tells it to a join token's holder; undefined if it does not. */
    serverVersion(joinToken: string): Promise<string | undefined>;
    /**
     * The framing headers of the page a join link opens (plugNmeet's own client at `/`, or whatever
     * a proxy in front of it adds): what decides whether the meeting window can frame it.
     */
    framingHeaders(): Promise<FramingHeaders>;
    joinUrl(token: string): string;
    recordingDownloadUrl(token: string): string;
    close(): Promise<void>;
}

export interface FramingHeaders {
    xFrameOptions: string;
    contentSecurityPolicy: string;
}

export type PlugnmeetGeneration = '2.x' | '1.x' | 'unknown';

export interface PlugnmeetClientOptions {
    url: string;
    apiKey: string;
    apiSecret: string;
    timeoutMs?: number;
    connections?: number;
}

/** protojson writes int64 as a string and int32 as a number: accept both. */
export function toInt(v: unknown): number {
    const n = typeof v === 'string' ? Number(v) : v;
    return typeof n === 'number' && Number.isFinite(n) ? n : 0;
}

/**
 * plugNmeet's JSON as parsed: read field by field with toInt and str, which accept any value, so
 * a missing or odd field gives 0 or '' rather than a throw.
 */
type Answer = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const NOT_ACTIVE = new Set(['ROOM_NOT_FOUND', 'ROOM_NOT_ACTIVE', 'NOT_FOUND']);

function toRoomInfo(raw: Answer | undefined): RoomInfo {
    return {
        roomId: str(raw?.room_id),
        sid: str(raw?.sid),
        title: str(raw?.room_title),
        participants: toInt(raw?.joined_participants),
        isRunning: toInt(raw?.is_running) === 1 || raw?.is_running === true,
        creationTime: toInt(raw?.creation_time),
    };
}

export function createPlugnmeetClient(opts: PlugnmeetClientOptions): PlugnmeetClient {
    const base = new URL(opts.url);
    const prefix = base.pathname.replace(/\/+$/, '');
    const timeoutMs = opts.timeoutMs ?? 10_000;
    const connections = opts.connections ?? 32;
    const pool = new Pool(base.origin, {
        connections,
        keepAliveTimeout: 30_000,
        connectTimeout: timeoutMs,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
    });
    // Imported once: a string key would be turned into a key object on every call.
    const key = createSecretKey(Buffer.from(opts.apiSecret, 'utf8'));
    let inFlight = 0;

    async function call(path: string, body: object): Promise<Answer> {
        const payload = JSON.stringify(body);
        const signature = createHmac('sha256', key).update(payload).digest('hex');
        let statusCode: number;
        let text: string;
        inFlight++;
        try {
            const res = await pool.request({
                method: 'POST',
                path: `${prefix}/auth${path}`,
                headers: {
                    'content-type': 'application/json',
                    'api-key': opts.apiKey,
                    'hash-signature': signature,
                },
                body: payload,
                // With a connection free, the pool's connect, headers and body timeouts bound the call.
                // One that must queue for a connection gets an overall deadline too: a timer per call
                // is a tenth of the sidecar's work on a join, so only calls that can wait pay for one.
                signal: inFlight > connections ? AbortSignal.timeout(timeoutMs) : undefined,
            });
            statusCode = res.statusCode;
            text = await res.body.text();
        } catch (err) {
            throw new PlugnmeetError('unreachable', `plugNmeet could not be reached (${(err as Error).message})`);
        } finally {
            inFlight--;
        }
        let data: Answer | undefined;
        try {
            data = JSON.parse(text);
        } catch {
            data = undefined;
        }
        if (statusCode === 401) {
            throw new PlugnmeetError('http', 'plugNmeet refused the API credentials (check PLUGNMEET_API_KEY and PLUGNMEET_API_SECRET)', str(data?.status_code));
        }
        if (statusCode !== 200) {
            throw new PlugnmeetError('http', `plugNmeet answered HTTP ${statusCode} to ${path}`);
        }
        if (typeof data !== 'object' || data === null) {
            throw new PlugnmeetError('invalid', `plugNmeet sent an unreadable answer to ${path}`);
        }
        if (data.status !== true) {
            throw new PlugnmeetError('rejected', str(data.msg) || `plugNmeet refused ${path}`, str(data.status_code));
        }
        return data;
    }

    const isNotActive = (err: unknown) => err instanceof PlugnmeetError && err.kind === 'rejected' && NOT_ACTIVE.has(err.statusCode ?? '');

    return {
        async createRoom(input) {
            // Only what is meant: plugNmeet 2.x refuses an explicit 0 for its optional limits
            // (max_participants, empty_timeout: uint32.gt = 0) and has defaults for everything left out.
            // extra_data is a map since plugNmeet 2.0 (1.x wants a string): 2.0 is the minimum.
            const data = await call('/room/create', {
                room_id: input.roomId,
                metadata: {
                    // Sent as written: every plugNmeet-client (2.0 to 2.4) shows it as text (React text in
                    // src/components/header/index.tsx, document.title in src/helpers/nats/HandleRoomData.ts),
                    // so escaping it would show "&amp;" where a person wrote "&".
                    room_title: input.title,
                    webhook_url: input.webhookUrl,
                    ...(input.logoutUrl ? {logout_url: input.logoutUrl} : {}),
                    extra_data: input.extraData ?? {},
                    ...(input.options ? roomOptionFields(input.options, input.adminWelcome, input.recap) : {room_features: {}}),
                },
            });
            return toRoomInfo(data.room_info);
        },

        async getJoinToken(input) {
            const data = await call('/room/getJoinToken', {
                room_id: input.roomId,
                user_info: {
                    name: input.name, user_id: input.userId, is_admin: input.isAdmin, is_hidden: false,
                    ...(input.lockSettings ? {user_metadata: {lock_settings: input.lockSettings}} : {}),
                },
            });
            const token = str(data.token);
            if (!token) {
                throw new PlugnmeetError('invalid', 'plugNmeet returned an empty join token');
            }
            return token;
        },

        async getActiveRoomInfo(roomId) {
            try {
                const data = await call('/room/getActiveRoomInfo', {room_id: roomId});
                return toRoomInfo(data.room?.room_info);
            } catch (err) {
                if (isNotActive(err)) {
                    return null;
                }
                throw err;
            }
        },

        async endRoom(roomId) {
            try {
                await call('/room/endRoom', {room_id: roomId});
                return true;
            } catch (err) {
                if (isNotActive(err)) {
                    return false;
                }
                throw err;
            }
        },

        async fetchRecordings(roomIds) {
            if (roomIds.length === 0) {
                return []; // an empty filter would list every recording on the server
            }
            try {
                const data = await call('/recording/fetch', {room_ids: roomIds, from: 0, limit: 100, order_by: 'DESC'});
                const list: Answer[] = Array.isArray(data.result?.recordings_list) ? data.result.recordings_list : [];
                return list.map((r) => ({
                    recordId: str(r.record_id),
                    roomId: str(r.room_id),
                    roomSid: str(r.room_sid),
                    fileSizeMb: Number(r.file_size) || 0,
                    createdAt: toInt(r.creation_time),
                }));
            } catch (err) {
                if (err instanceof PlugnmeetError && err.statusCode === 'NOT_FOUND') {
                    return [];
                }
                throw err;
            }
        },

        async getRecordingDownloadToken(recordId) {
            const data = await call('/recording/getDownloadToken', {record_id: recordId});
            return str(data.token);
        },

        async fetchArtifacts(roomIds) {
            if (roomIds.length === 0) {
                return []; // an empty filter would list every artifact on the server
            }
            try {
                // Room ids are new for every meeting, so each names one session (room_sid would too).
                const data = await call('/artifact/fetch', {room_ids: roomIds, from: 0, limit: 100, order_by: 'DESC'});
                return readArtifactList(data.result);
            } catch (err) {
                if (err instanceof PlugnmeetError && err.statusCode === 'NOT_FOUND') {
                    return []; // "no artifact found" is a refusal, not an empty list (controllers/artifact.go)
                }
                throw err;
            }
        },

        async downloadArtifact(artifactId, maxBytes) {
            const token = str((await call('/artifact/getDownloadToken', {artifact_id: artifactId})).token);
            if (!token) {
                throw new PlugnmeetError('invalid', 'plugNmeet returned an empty download token');
            }
            // GET /download/artifact/<token>: the token is the only credential; a download hook may
            // answer 307 to object storage (fetch follows it).
            let res: Response;
            try {
                res = await fetch(`${opts.url}/download/artifact/${encodeURIComponent(token)}`, {redirect: 'follow', signal: AbortSignal.timeout(timeoutMs)});
            } catch (err) {
                throw new PlugnmeetError('unreachable', `plugNmeet could not be reached (${(err as Error).message})`);
            }
            if (res.status !== 200) {
                await res.body?.cancel();
                throw new PlugnmeetError('http', `plugNmeet answered HTTP ${res.status} to a download`);
            }
            const declared = Number(res.headers.get('content-length') ?? 0);
            if (declared > maxBytes) {
                await res.body?.cancel();
                throw new PlugnmeetError('invalid', `the file is larger than ${maxBytes} bytes`);
            }
            // Read up to the limit only: a file without a Content-Length is not taken whole into memory.
            const chunks: Uint8Array[] = [];
            let size = 0;
            for await (const chunk of res.body ?? []) {
                size += chunk.length;
                if (size > maxBytes) {
                    await res.body?.cancel().catch(() => undefined);
                    throw new PlugnmeetError('invalid', `the file is larger than ${maxBytes} bytes`);
                }
                chunks.push(chunk);
            }
            return Buffer.concat(chunks).toString('utf8');
        },

        async ping() {
            await call('/room/isRoomActive', {room_id: 'mattermost-sidecar-readyz'});
        },

        async generation() {
            // An empty room_id fails validation on 2.x ("validation error..."); a 1.x server already
            // fails to parse the map extra_data ("proto: ... invalid value for string field extraData").
            // plugNmeet-server has no version endpoint for API keys (pkg/app/router.go).
            try {
                await call('/room/create', {room_id: '', metadata: {room_title: '', room_features: {}, extra_data: {probe: 'version'}}});
            } catch (err) {
                if (err instanceof PlugnmeetError && err.kind === 'rejected' && err.statusCode === 'INVALID_PARAMETERS') {
                    if (/^validation errors?:/.test(err.message)) {
                        return '2.x';
                    }
                    return /extraData|extra_data/.test(err.message) ? '1.x' : 'unknown';
                }
                throw err;
            }
            return 'unknown';
        },

        async serverVersion(joinToken) {
            // pkg/controllers/auth.go HandleVerifyToken: a protobuf VerifyTokenRes, server_version = field 4.
            try {
                const res = await pool.request({
                    method: 'POST', path: `${prefix}/api/verifyToken`, body: new Uint8Array(),
                    headers: {'content-type': 'application/protobuf', authorization: joinToken},
                });
                const bytes = new Uint8Array(await res.body.arrayBuffer());
                return res.statusCode === 200 ? protobufString(bytes, 4) : undefined;
            } catch {
                return undefined;
            }
        },

        async framingHeaders() {
            // pkg/app/router.go serves the client for GET and HEAD "/" and sets no framing header itself.
            const res = await pool.request({method: 'HEAD', path: `${prefix}/`});
            await res.body.dump();
            const header = (name: string) => {
                const value = res.headers[name];
                return Array.isArray(value) ? value.join(', ') : value ?? '';
            };
            return {xFrameOptions: header('x-frame-options'), contentSecurityPolicy: header('content-security-policy')};
        },

        joinUrl: (token) => `${opts.url}/?access_token=${encodeURIComponent(token)}`,
        recordingDownloadUrl: (token) => `${opts.url}/download/recording/${encodeURIComponent(token)}`,
        close: () => pool.close(),
    };
}

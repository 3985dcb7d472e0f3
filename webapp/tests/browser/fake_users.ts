// The parts of a fake Mattermost server that calling needs, beside harness.ts's commands and
// post actions; each rule from the server file it copies:
// - the websocket, as server-sent events to the host page (host/host_calls.js): `posted` carries
//   the post as a JSON string and the channel's type, names, the sender and the team
//   (app/notification.go SendNotifications); `post_edited` the post (app/post.go UpdatePost);
//   `user_updated` the user object (app/user.go sendUpdatedUserEvent); `preferences_changed` the
//   list as a JSON string (app/preference.go UpdatePreferences);
// - PUT and DELETE /api/v4/users/me/status/custom (api4/status.go updateUserCustomStatus and
//   removeUserCustomStatus): a session, 501 when TeamSettings.EnableCustomUserStatuses is off, 400
//   without emoji and text or with a duration/expiry model/custom_status.go refuses
//   (AreDurationAndExpirationTimeValid), PreSave (speech_balloon by default, text cut to 100
//   runes), kept as a JSON string in the user's props.customStatus, expires_at written back the
//   way Go marshals a time.Time (RFC 3339, no trailing zero fraction);
// - PUT /api/v4/users/{user_id}/preferences (api4/preference.go updatePreferences,
//   app/preference.go, model/preference.go IsValid): only the session's own user, every entry for
//   that user (403), 1 to 100 entries, category 1-32 characters, name at most 32, value at most 2000.
// Writes carry the CSRF token of the MMCSRF cookie (web/handlers.go checkCSRFToken).
import type http from 'http';

export const ME_ID = 'm3000000000000000000000000';
const SESSION = 'session-1';

export type WebSocketMessage = {event: string; data: Record<string, unknown>; broadcast: Record<string, unknown>; seq?: number};
export type Preference = {user_id: string; category: string; name: string; value: string};
export type UsersRequest = {method: string; path: string; body: any; status: number};

type Send = (status: number, body: unknown) => void;

const appError = (status: number, id: string, message: string) => ({status, body: {id, message, status_code: status}});

/** A time as Go's encoding/json writes it: RFC 3339 with the fraction's trailing zeros dropped. */
export function goTime(ms: number): string {
    return new Date(ms).toISOString().replace(/\.?0+Z$/, 'Z').replace(/\.Z$/, 'Z');
}

export function createUsersFake({csrf, now}: {csrf: string; now: () => number}) {
    const clients = new Set<http.ServerResponse>();
    let seq = 0;
    const fake = {
        me: {id: ME_ID, username: 'me', roles: 'system_user', locale: 'en', props: {} as Record<string, string>, update_at: 1},
        preferences: new Map<string, Preference>(),
        config: {EnableCustomUserStatuses: true},
        requests: [] as UsersRequest[],

        /** Sends one websocket event to every open host page. */
        broadcast(event: string, data: Record<string, unknown>, broadcast: Record<string, unknown> = {}) {
            const message: WebSocketMessage = {event, data, broadcast: {omit_users: null, user_id: '', channel_id: '', team_id: '', ...broadcast}, seq: seq++};
            for (const client of clients) {
                client.write(`data: ${JSON.stringify(message)}\n\n`);
            }
        },

        /** What the server sends when a post is created in a channel (app/notification.go). */
        posted(post: {channel_id: string; user_id: string} & Record<string, unknown>, channel: {type: string; name: string; display_name: string; team_id: string}, senderName = 'plugnmeet') {
            fake.broadcast('posted', {
                channel_display_name: channel.display_name,
                channel_name: channel.name,
                channel_type: channel.type,
                post: JSON.stringify(post),
                sender_name: senderName,
                set_online: false,
                team_id: channel.team_id,
            }, {channel_id: post.channel_id});
        },

        postEdited(post: {channel_id: string} & Record<string, unknown>) {
            fake.broadcast('post_edited', {post: JSON.stringify(post)}, {channel_id: post.channel_id});
        },

        customStatus(): Record<string, string> | null {
            const raw = fake.me.props.customStatus;
            return raw ? JSON.parse(raw) : null;
        },

        /** The user changed their status themselves, in another client. */
        setCustomStatusElsewhere(status: Record<string, string> | null) {
            fake.me.props = {...fake.me.props, customStatus: status ? JSON.stringify(status) : ''};
            fake.me.update_at = now();
            fake.broadcast('user_updated', {user: {...fake.me}});
        },

        closeAll() {
            for (const client of clients) {
                client.end();
            }
            clients.clear();
        },

        /** Answers the requests this fake knows; false for any other. */
        handle(req: http.IncomingMessage, path: string, raw: string, res: http.ServerResponse, send: Send): boolean {
            if (req.method === 'GET' && path === '/host/events') {
                res.writeHead(200, {'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive'});
                res.write(': connected\n\n');
                clients.add(res);
                res.on('close', () => clients.delete(res));
                return true;
            }
            const statusPath = path === '/api/v4/users/me/status/custom';
            const preferencesMatch = (/^\/api\/v4\/users\/([^/]+)\/preferences$/).exec(path);
            if (!((statusPath && (req.method === 'PUT' || req.method === 'DELETE')) || (preferencesMatch && req.method === 'PUT'))) {
                return false;
            }
            let body: any = null;
            try {
                body = raw ? JSON.parse(raw) : null;
            } catch {
                body = undefined;
            }
            const answer = (result: {status: number; body: unknown}) => {
                fake.requests.push({method: req.method ?? '', path, body, status: result.status});
                send(result.status, result.body);
                return true;
            };

            // api4/handlers.go APISessionRequired, web/handlers.go checkCSRFToken.
            if (!String(req.headers.cookie ?? '').includes(`MMAUTHTOKEN=${SESSION}`)) {
                return answer(appError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.'));
            }
            if (req.headers['x-csrf-token'] !== csrf) {
                return answer(appError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.'));
            }

            if (statusPath) {
                if (!fake.config.EnableCustomUserStatuses) {
                    return answer(appError(501, 'api.custom_status.disabled', 'Custom status feature has been disabled.'));
                }
                if (req.method === 'DELETE') {
                    // app/custom_status.go RemoveCustomStatus: user.ClearCustomStatus().
                    fake.setCustomStatusElsewhere(null);
                    return answer({status: 200, body: {status: 'OK'}});
                }
                const status = body && typeof body === 'object' ? body : null;
                const emoji = typeof status?.emoji === 'string' ? status.emoji : '';
                const text = typeof status?.text === 'string' ? status.text : '';
                const duration = typeof status?.duration === 'string' ? status.duration : '';
                const expiresAt = typeof status?.expires_at === 'string' ? Date.parse(status.expires_at) : NaN;
                const hasExpiry = status?.expires_at !== undefined && status.expires_at !== '0001-01-01T00:00:00Z';
                const durations = ['thirty_minutes', 'one_hour', 'four_hours', 'today', 'this_week', 'date_and_time'];
                const valid = (duration === '' && (!hasExpiry || expiresAt >= now())) || (durations.includes(duration) && Number.isFinite(expiresAt) && expiresAt >= now());
                if (!status || (emoji === '' && text === '') || (hasExpiry && !Number.isFinite(expiresAt)) || !valid) {
                    return answer(appError(400, 'api.context.invalid_body_param.app_error', 'Invalid or missing custom_status in request body.'));
                }
                const saved = {
                    emoji: emoji || 'speech_balloon',
                    text: [...text].slice(0, 100).join(''),
                    duration: duration || 'date_and_time',
                    expires_at: goTime(expiresAt),
                };
                fake.setCustomStatusElsewhere(saved);
                return answer({status: 200, body: {status: 'OK'}});
            }

            const userId = preferencesMatch![1] === 'me' ? fake.me.id : preferencesMatch![1];
            if (userId !== fake.me.id) {
                return answer(appError(403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.'));
            }
            if (!Array.isArray(body) || body.length === 0 || body.length > 100) {
                return answer(appError(400, 'api.context.invalid_body_param.app_error', 'Invalid or missing preferences in request body.'));
            }
            for (const p of body as Preference[]) {
                if (p?.user_id !== userId) {
                    return answer(appError(403, 'api.preference.update_preferences.set.app_error', 'Unable to set user preferences.'));
                }
                if (typeof p.category !== 'string' || p.category === '' || p.category.length > 32 || typeof p.name !== 'string' || p.name.length > 32 ||
                    typeof p.value !== 'string' || [...p.value].length > 2000) {
                    return answer(appError(400, 'model.preference.is_valid.category.app_error', 'Invalid preference.'));
                }
            }
            for (const p of body as Preference[]) {
                fake.preferences.set(`${p.category}--${p.name}`, {user_id: p.user_id, category: p.category, name: p.name, value: p.value});
            }
            fake.broadcast('preferences_changed', {preferences: JSON.stringify(body)}, {user_id: userId});
            return answer({status: 200, body: {status: 'OK'}});
        },
    };
    return fake;
}

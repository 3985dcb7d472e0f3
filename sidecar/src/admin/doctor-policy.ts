// doctor's account of the settings: each one as the sidecar reads it (secrets masked), the meeting
// policy in force (the environment's, and what system admins changed at runtime in the store), and
// what only the plugNmeet server's own configuration decides.
import type {Config} from '../config/config.js';
import {POLICY_SETTING_NAMES, POLICY_SETTINGS} from '../config/policy.js';
import type {Store} from '../store/store.js';

type Report = (verdict: 'OK' | 'INFO' | 'WARN' | 'FAIL', line: string) => void;

const SECRET = /TOKEN|SECRET|KEY|PASSWORD/;

/** A value as doctor prints it: secrets as their length only, URLs without a password. */
export function shown(name: string, value: string): string {
    if (SECRET.test(name)) {
        return value ? `(set, ${value.length} characters)` : '(unset)';
    }
    try {
        const u = new URL(value);
        if (u.password) {
            u.password = '****';
            return u.toString();
        }
    } catch {
        // not a URL
    }
    return value || '(unset)';
}

export function reportSettings(env: NodeJS.ProcessEnv, report: Report): void {
    const names = Object.keys(env).filter((n) => /^(MATTERMOST|PLUGNMEET|SIDECAR|DATABASE|RECONCILE|LOG|RATE|TRUST|MEETINGS)_/.test(n)).sort();
    report('INFO', `settings: ${names.map((n) => `${n}=${shown(n, (env[n] ?? '').trim())}`).join(', ')}`);
}

export async function reportPolicy(config: Config, store: Store | undefined, report: Report): Promise<void> {
    const runtime = store ? await store.settings().catch(() => []) : [];
    const lines = POLICY_SETTING_NAMES.map((name) => {
        const set = runtime.find((s) => s.name === name);
        const value = set ? `${set.value} (set by @${set.updatedBy} with /plugnmeet admin; it wins over the environment)` : (config.policySettings[name] ?? `unset: ${POLICY_SETTINGS[name].about}`);
        return `${name}=${value}`;
    });
    report('INFO', `meeting policy (docs/admin.md, "Meeting policy"):${lines.map((l) => `\n      ${l}`).join('')}`);
    // plugnmeet-protocol utils/create_room.go: PrepareDefaultRoomFeatures (proto.Merge over built-in
    // defaults), SetDefaultRoomSettings (config.yaml room_default_settings).
    report('INFO', 'plugNmeet switches features on per room but never off: it merges each room\'s features over its built-in defaults. ' +
        'So the options offered are those plugNmeet starts off (waiting room, mute on start, automatic recording, end-to-end encryption) ' +
        'and the lock settings, which go both ways; what it turns on for every room (chat, whiteboard, shared notepad, breakout rooms, ' +
        'polls, recording) cannot be turned off from Mattermost. Its config.yaml room_default_settings.max_duration caps --duration ' +
        '(and gives rooms without one that duration), and max_participants caps every room.');
}

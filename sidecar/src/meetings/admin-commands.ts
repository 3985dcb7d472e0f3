// `/plugnmeet admin show|set|unset`: a system admin reads and changes the meeting policy at runtime.
// Who is a system admin is asked of Mattermost's REST API at each call (never cached, never taken
// from the request); the change goes to the store, where every replica reads it.
import {isPolicySetting, POLICY_SETTINGS, POLICY_SETTING_NAMES} from '../config/policy.js';
import type {Mattermost} from '../mattermost/bot.js';
import {inert} from './cards/render.js';
import {UserError} from './errors.js';
import type {Person} from './people.js';
import type {PolicySource} from './policy-source.js';

/** `"a b"` or `'a b'` around the whole value are the shell habit of an admin: taken off. */
const unquote = (v: string) => (/^(["'\u201C\u201E]).*["'\u201D\u201C]$/s.test(v) && v.length >= 2 ? v.slice(1, -1) : v).trim();

export function createAdminCommands(deps: {mattermost: Pick<Mattermost, 'getUser'>; policy: PolicySource}) {
    const {mattermost, policy} = deps;

    async function show(me: Person): Promise<string> {
        const {t} = me;
        const lines = (await policy.view()).map((s) => {
            const where = s.source === 'admin' ?
                t('plugnmeet.admin.source_admin', {name: inert(s.updatedBy ?? ''), date: new Date(s.updatedAt ?? 0).toISOString().slice(0, 16).replace('T', ' ')}) :
                t(s.source === 'environment' ? 'plugnmeet.admin.source_env' : 'plugnmeet.admin.source_default');
            const value = s.value ? `\`${s.value.replace(/`/g, "'")}\`` : t('plugnmeet.admin.unset');
            return `- \`${s.name}\` = ${value} (${where})\n  ${POLICY_SETTINGS[s.name].about}`;
        });
        return `${t('plugnmeet.admin.title')}\n${lines.join('\n')}\n${t('plugnmeet.admin.usage')}`;
    }

    return {
        async run(me: Person, arg: string): Promise<string> {
            const user = await mattermost.getUser(me.userId).catch(() => undefined);
            if (!user?.isSystemAdmin) {
                throw new UserError('plugnmeet.admin.not_admin');
            }
            const m = /^(\S*)\s*(\S*)\s*([\s\S]*)$/.exec(arg.trim())!;
            const verb = m[1].toLowerCase();
            const name = m[2].toUpperCase();
            if (verb === '' || verb === 'show') {
                return show(me);
            }
            if ((verb !== 'set' && verb !== 'unset') || !isPolicySetting(name)) {
                throw new UserError('plugnmeet.admin.usage_error', {names: POLICY_SETTING_NAMES.join(', ')});
            }
            const value = verb === 'set' ? unquote(m[3]) : null;
            const result = await policy.set(name, value, me.username);
            if (!result.ok) {
                throw new UserError('plugnmeet.admin.refused', {errors: result.errors.join(' ')});
            }
            return me.t(value === null ? 'plugnmeet.admin.unset_done' : 'plugnmeet.admin.set_done', {name, value: value ?? ''});
        },
    };
}

export type AdminCommands = ReturnType<typeof createAdminCommands>;

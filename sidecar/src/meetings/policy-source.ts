// The policy in force: the environment's settings with a system admin's runtime ones over them.
// Runtime settings live in the store, so every replica applies the same policy; each replica reads
// them again after a few seconds, so a change reaches all of them within POLICY_TTL_MS.
import type {FastifyBaseLogger} from 'fastify';
import {isPolicySetting, POLICY_SETTING_NAMES, readPolicy, readSetting, type Policy, type PolicySettingName} from '../config/policy.js';
import type {Store, StoredSetting} from '../store/store.js';

export const POLICY_TTL_MS = 5_000;

export interface SettingView {
    name: PolicySettingName;
    /** '' when unset. */
    value: string;
    source: 'default' | 'environment' | 'admin';
    updatedBy?: string;
    updatedAt?: number;
}

export function createPolicySource(deps: {envSettings: Record<string, string>; store: Store; log: FastifyBaseLogger; now: () => number}) {
    const {envSettings, store, log, now} = deps;
    let cached: {policy: Policy; stored: StoredSetting[]; until: number} | undefined;
    let warned = '';

    async function load() {
        if (cached && cached.until > now()) {
            return cached;
        }
        const stored = (await store.settings()).filter((s) => isPolicySetting(s.name));
        const {policy, errors} = readPolicy(merged(stored));
        // A stored value an older or newer version reads differently: said once, that setting unset.
        if (errors.length > 0 && errors.join() !== warned) {
            warned = errors.join();
            log.warn({errors}, 'a policy setting in the store is not valid; it counts as unset');
        }
        cached = {policy, stored, until: now() + POLICY_TTL_MS};
        return cached;
    }

    const merged = (stored: StoredSetting[]): Record<string, string> =>
        ({...envSettings, ...Object.fromEntries(stored.map((s) => [s.name, s.value]))});

    return {
        async current(): Promise<Policy> {
            return (await load()).policy;
        },

        async view(): Promise<SettingView[]> {
            const {stored} = await load();
            return POLICY_SETTING_NAMES.map((name): SettingView => {
                const admin = stored.find((s) => s.name === name);
                if (admin) {
                    return {name, value: admin.value, source: 'admin', updatedBy: admin.updatedBy, updatedAt: admin.updatedAt};
                }
                return envSettings[name] ? {name, value: envSettings[name], source: 'environment'} : {name, value: '', source: 'default'};
            });
        },

        /**
         * Sets a runtime value (null: back to the environment's). Refused with the same lines start-up
         * would print, for the value and for the policy it would make.
         */
        async set(name: PolicySettingName, value: string | null, by: string): Promise<{ok: true} | {ok: false; errors: string[]}> {
            const {stored} = await load();
            if (value !== null) {
                const one = readSetting(name, value);
                if (!one.ok) {
                    return {ok: false, errors: [one.error]};
                }
            }
            const next = stored.filter((s) => s.name !== name);
            const values = merged(next);
            if (value !== null) {
                values[name] = value;
            }
            const {errors} = readPolicy(values);
            if (errors.length > 0) {
                return {ok: false, errors};
            }
            await store.putSetting(value === null ? {name, value: null} : {name, value, updatedBy: by, updatedAt: now()});
            cached = undefined;
            return {ok: true};
        },
    };
}

export type PolicySource = ReturnType<typeof createPolicySource>;

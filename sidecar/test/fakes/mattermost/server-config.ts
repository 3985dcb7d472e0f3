// The server played: its version (X-Version-Id and the rules that depend on it) and the
// ServiceSettings that `setup` and `doctor` read and tests flip (GET /config).
import { createHash } from 'node:crypto';
import type { FakeOptions, FakeSettings, ServerConfig } from './types.js';
import type { MmState } from './state.js';
import type { Route } from './route.js';
import { forbidden } from './errors.js';
import { isAdmin } from './permissions.js';

/** First version assumed to send root_id in the command form: release-10.11 does not, master (2026-05) does; the release in between is not verified, so the fake assumes the later one. */
export const COMMAND_ROOT_ID_SINCE = '11.7.0';
/** First version assumed to carry PR #35638 (merged to master 2026-03); estimate, not verified against a release branch. */
export const STRICT_EDIT_RULES_SINCE = '11.6.0';

/** Compares dotted versions numerically: -1, 0 or 1. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** The options in force, version-bound rules resolved from serverVersion (default 10.11.0). */
export function resolveServerConfig(opts: FakeOptions): ServerConfig {
  const version = opts.serverVersion ?? '10.11.0';
  const atLeast = (v: string) => compareVersions(version, v) >= 0;
  return {
    version,
    // web/handlers.go ServeHTTP: CurrentVersion.BuildNumber.ClientConfigHash.(License() != nil)
    versionId: [version, opts.buildNumber ?? '16789012345', createHash('md5').update('client-config:' + version).digest('hex'), String(opts.licensed ?? false)].join('.'),
    commandRootId: opts.commandRootId ?? atLeast(COMMAND_ROOT_ID_SINCE),
    strictEditRules: opts.strictEditRules ?? atLeast(STRICT_EDIT_RULES_SINCE),
    appLevelEditLimit: opts.appLevelEditLimit ?? false,
    sourceAddress: opts.sourceAddress ?? '127.0.0.1',
    commandMembershipCheck: opts.commandMembershipCheck ?? false,
  };
}

/** The settings a fresh fake starts with (see FakeSettings for what each one switches). */
export function defaultSettings(): FakeSettings {
  return {
    EnableBotAccountCreation: true, EnableUserAccessTokens: true, EnableCommands: true, AllowedUntrustedInternalConnections: '',
    PostEditTimeLimit: -1,
  };
}

export function configRoutes(s: MmState): Route[] {
  return [
    {
      method: 'GET', re: /^\/api\/v4\/config$/,
      run: (_m, _b, { me }) => {
        // getConfig: any sysconsole_read_* permission; only system admins have them here
        if (!isAdmin(me)) throw forbidden('sysconsole_read_*');
        return { status: 200, json: { ServiceSettings: { SiteURL: s.url, ...s.settings } } };
      },
    },
  ];
}

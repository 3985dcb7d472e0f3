// The server played: its version (X-Version-Id and the rules that depend on it) and the
// ServiceSettings that `setup` and `doctor` read and tests flip (GET /config).
import { createHash } from 'node:crypto';
import type { FakeOptions, FakeSettings, ServerConfig } from './types.js';
import type { MmState } from './state.js';
import type { Route } from './route.js';
import { AppError, forbidden } from './errors.js';
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
    PostEditTimeLimit: -1, TeammateNameDisplay: 'username',
  };
}

export function configRoutes(s: MmState): Route[] {
  return [
    {
      method: 'GET', re: /^\/api\/v4\/config$/,
      run: (_m, _b, { me }) => {
        // getConfig: any sysconsole_read_* permission; only system admins have them here
        if (!isAdmin(me)) throw forbidden('sysconsole_read_*');
        const { TeammateNameDisplay, ...service } = s.settings;
        return { status: 200, json: { ServiceSettings: { SiteURL: s.url, ...service }, TeamSettings: { TeammateNameDisplay } } };
      },
    },
    {
      // getClientConfig (api4/config.go): `format` must be `old` (missing: 501, other: 400); a session
      // (the bot's too) gets config.GenerateClientConfig (server/config/client.go), every value a
      // string, TeammateNameDisplay and LockTeammateNameDisplay among them; no session would get
      // GenerateLimitedClientConfig, which has neither (the fake requires a token for every route).
      method: 'GET', re: /^\/api\/v4\/config\/client$/,
      run: (_m, _b, { query }) => {
        const format = query.get('format');
        if (!format) throw new AppError(501, 'api.config.client.old_format.app_error', 'New format for the client configuration is not supported yet. Please specify format=old in the query string.');
        if (format !== 'old') throw new AppError(400, 'api.context.invalid_url_param.app_error', 'Invalid or missing format parameter in request URL.');
        return {
          status: 200,
          json: {
            Version: s.server.version, SiteURL: s.url, EnableCommands: String(s.settings.EnableCommands),
            PostEditTimeLimit: String(s.settings.PostEditTimeLimit), EnableBotAccountCreation: String(s.settings.EnableBotAccountCreation),
            EnableUserAccessTokens: String(s.settings.EnableUserAccessTokens),
            TeammateNameDisplay: s.settings.TeammateNameDisplay, LockTeammateNameDisplay: 'false',
          },
        };
      },
    },
  ];
}

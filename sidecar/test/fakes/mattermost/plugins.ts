// The installed plugins, as `doctor --admin-token` reads them: GET /api/v4/plugins (api4/plugin.go
// getPlugins: 501 app.plugin.disabled.app_error while PluginSettings.Enable is off, then the
// sysconsole_read_plugins permission, which only system admins have here), answered by
// app/plugin.go GetPlugins as model.PluginsResponse {active, inactive}: each a PluginInfo, i.e. the
// plugin's Manifest (model/manifest.go, fields omitted when empty), active when the plugin
// environment runs it (enabled in System Console > Plugins > Plugin Management).
// Tests change what is installed through pluginsOf(mm.settings).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { MmState } from './state.js';
import type { Route } from './route.js';
import { AppError, forbidden } from './errors.js';
import { isAdmin } from './permissions.js';

export interface FakeManifest { id: string; name?: string; description?: string; version?: string; min_server_version?: string; webapp?: { bundle_path: string }; [k: string]: unknown }
export interface FakePlugins {
  /** PluginSettings.Enable */
  enabled: boolean;
  /** Plugin id -> its manifest and whether it runs. */
  installed: Map<string, { manifest: FakeManifest; active: boolean }>;
}

/** This repository's plugin.json, as `npm run dist` packs it (the version as uploaded). */
export function ownManifest(version = '0.1.0'): FakeManifest {
  const manifest = JSON.parse(readFileSync(fileURLToPath(new URL('../../../../plugin.json', import.meta.url)), 'utf8')) as FakeManifest;
  return { ...manifest, version };
}

// Keyed by the server's settings object, which the fake's handle exposes as `mm.settings`.
const bySettings = new WeakMap<object, FakePlugins>();

/** A fresh server here has plugNmeet uploaded and enabled, next to a prepackaged plugin. */
export function pluginsOf(settings: object): FakePlugins {
  let p = bySettings.get(settings);
  if (!p) {
    p = {
      enabled: true,
      installed: new Map([
        ['com.mattermost.calls', { manifest: { id: 'com.mattermost.calls', name: 'Calls', version: '1.7.1', min_server_version: '9.11.0' }, active: true }],
        ['plugnmeet', { manifest: ownManifest(), active: true }],
      ]),
    };
    bySettings.set(settings, p);
  }
  return p;
}

export function pluginRoutes(s: MmState): Route[] {
  return [
    {
      method: 'GET', re: /^\/api\/v4\/plugins$/,
      run: (_m, _b, { me }) => {
        const p = pluginsOf(s.settings);
        if (!p.enabled) throw new AppError(501, 'app.plugin.disabled.app_error', 'Plugins have been disabled. Please check your logs for details.');
        if (!isAdmin(me)) throw forbidden('sysconsole_read_plugins');
        const all = [...p.installed.values()];
        return {
          status: 200,
          json: { active: all.filter((x) => x.active).map((x) => x.manifest), inactive: all.filter((x) => !x.active).map((x) => x.manifest) },
        };
      },
    },
  ];
}

// Is the webapp running inside the Mattermost Desktop app? There window.open follows the
// app's own rules (mattermost/desktop src/app/views/webContentEvents.ts): an external URL
// is denied and handed to the system browser (window.open returns null), and an
// about:blank popup may never navigate away (pluginsPopUps.ts), so the web strategy of
// "open a placeholder, then set its location" leaves an empty window.

/**
 * Same test as Mattermost's own utils/user_agent.tsx isDesktopApp(), plus the preload's
 * window.desktopAPI (mattermost/desktop src/app/preload/externalAPI.ts).
 */
export function isDesktopApp(win: Window | undefined = typeof window === 'undefined' ? undefined : window): boolean {
    if (!win) {
        return false;
    }
    const ua = String(win.navigator?.userAgent ?? '');
    if ((/\bMattermost\/\d/).test(ua) && (/\bElectron\/\d/).test(ua)) {
        return true;
    }
    const api = (win as Window & {desktopAPI?: unknown}).desktopAPI;
    return Boolean(api) && typeof api === 'object';
}

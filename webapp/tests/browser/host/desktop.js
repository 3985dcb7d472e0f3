// The Mattermost Desktop app's rules for window.open, applied before Mattermost and the plugin
// load (mattermost/desktop src/app/views/webContentEvents.ts generateNewWindowListener):
// - about:blank is allowed for plugins (PluginsPopUpsManager.handleNewWindow), but the popup
//   may never navigate or redirect away (pluginsPopUps.ts will-navigate/will-redirect
//   preventDefault): here it is a window object whose location changes are recorded and ignored;
// - any other external URL is denied and handed to shell.openExternal, so window.open returns
//   null; recorded as opened in the system browser.
// Electron has no popup blocker, so a window.open after an await still reaches the handler.
// The preload exposes window.desktopAPI (src/app/preload/externalAPI.ts); the user agent
// ("... Electron/x Mattermost/y", src/main/utils.ts composeUserAgent) is set by the test.
(function() {
    'use strict';
    const record = {openedExternally: [], blockedNavigations: [], blankPopups: 0};
    window.hostDesktop = record;
    window.desktopAPI = {isDev: () => false, getAppInfo: () => Promise.resolve({name: 'Mattermost', version: '5.13.0'})};

    function pinnedBlankPopup() {
        record.blankPopups++;
        const doc = document.implementation.createHTMLDocument('');
        const location = {};
        Object.defineProperty(location, 'href', {
            get: () => 'about:blank',
            set: (url) => {
                record.blockedNavigations.push(String(url));
            },
        });
        location.assign = (url) => record.blockedNavigations.push(String(url));
        location.replace = location.assign;
        const popup = {closed: false, opener: window, document: doc, location, close() {
            popup.closed = true;
        }, focus() {}};
        return popup;
    }

    window.open = function(url) {
        const target = url === undefined || url === '' ? 'about:blank' : new URL(String(url), window.location.href).href;
        if (target === 'about:blank') {
            return pinnedBlankPopup();
        }
        record.openedExternally.push(target);
        return null;
    };
}());

// Mattermost 11's right-hand-panel popout for the host pages (host.js, host_calls.js), each rule
// from the file it copies:
// - window.WebappUtils.popouts = {sendToParent, onMessageFromParent, isPopoutWindow, canPopout,
//   popoutRhsPlugin} (plugins/export.ts);
// - the registry's registerRHSPluginPopoutListener(pluginId, fn) keeps one fn per plugin;
//   popoutRhsPlugin opens `/_popout/rhs/{team}/{channel}/plugin/{pluginId}`, then calls that fn
//   with (teamName, channelName, listeners) and returns the listeners (utils/popouts/popout_windows.ts);
// - in the browser, the popout is window.open(path, target, 'popup=true,...'), target the path
//   without '/_popout/' and with '-' for '/'; a blocked popup gives {} (no listeners); sendToPopout
//   posts {channel, args} to that window addressed to the page's origin; messages from it are
//   believed only from the page's origin and from a window it opened, '_close' polls until it is
//   closed and then calls onClosePopout's listeners (utils/popouts/browser_popouts.ts);
// - in the popout, sendToParent posts {channel, args} to window.opener addressed to the page's
//   origin; onMessageFromParent believes only the page's origin and window.opener; beforeunload
//   posts '_close' (utils/popouts/use_browser_popout.ts); isPopoutWindow: the URL starts with
//   `${origin}/_popout/` (popout_windows.ts);
// - the popout page runs the plugins again (root.tsx initializePlugins for every route) but renders
//   only PopoutController (root.tsx routes /_popout there, not to the main layout with
//   PluginRoot): rhs_popout.tsx's `.main-wrapper.rhs-popout > .sidebar--right > .sidebar-right__body`
//   with rhs_plugin_popout.tsx's header (the panel's title) and the plugin's RightHandSidebarComponent,
//   given the theme as every pluggable is (plugins/pluggable.tsx); no root component;
// - the Desktop app: canPopout() is DesktopApp.canPopout() (utils/desktop_api.ts), false for a
//   Desktop app without popouts, as the test's desktopAPI is.
(function() {
    'use strict';
    const {React, ReactDOM, ReactRedux, ReactIntl} = window;
    const h = React.createElement;
    const origin = window.location.origin;
    const NAVIGATE_CHANNEL = '_navigate';
    const CLOSE_CHANNEL = '_close';

    const pluginPopoutListeners = new Map();
    const popoutWindows = new Map();
    const listeners = new Map();
    const closeListeners = new Map();
    window.hostPopouts = {opened: []};

    window.addEventListener('message', (event) => {
        const popout = event.source;
        const target = popoutWindows.get(popout);
        if (event.origin !== origin || !target) {
            return;
        }
        if (event.data.channel === NAVIGATE_CHANNEL) {
            return;
        }
        if (event.data.channel === CLOSE_CHANNEL) {
            let tries = 0;
            const check = setInterval(() => {
                tries++;
                if (popout.closed) {
                    clearInterval(check);
                    (closeListeners.get(target) || new Set()).forEach((listener) => listener());
                    listeners.delete(target);
                    closeListeners.delete(target);
                    popoutWindows.delete(popout);
                }
                if (tries >= 10) {
                    clearInterval(check);
                }
            }, 200);
            return;
        }
        (listeners.get(target) || new Set()).forEach((listener) => listener(event.data.channel, ...event.data.args));
    });

    function setupBrowserPopout(path) {
        const target = path.replace('/_popout/', '').replace(/\//g, '-');
        const popoutWindow = window.open(path, target, ['popup=true', 'left=100', 'top=100', 'width=800', 'height=600'].join(','));

        // Kept for the tests, which post to the popout as its opener does.
        window.hostPopouts.opened.push({path, target, blocked: !popoutWindow, window: popoutWindow});
        if (!popoutWindow) {
            return {};
        }
        popoutWindows.set(popoutWindow, target);
        listeners.set(target, new Set());
        closeListeners.set(target, new Set());
        return {
            sendToPopout: (channel, ...args) => popoutWindow.postMessage({channel, args}, origin),
            onMessageFromPopout: (listener) => {
                listeners.get(target).add(listener);
                return () => listeners.get(target) && listeners.get(target).delete(listener);
            },
            onClosePopout: (listener) => {
                closeListeners.get(target).add(listener);
                return () => closeListeners.get(target) && closeListeners.get(target).delete(listener);
            },
        };
    }

    // popout_windows.ts popout(): synchronous up to window.open, so it runs inside the click.
    async function popout(path) {
        return setupBrowserPopout(path);
    }

    const isPopoutWindow = () => window.location.href.startsWith(`${origin}/_popout/`);

    window.WebappUtils = Object.assign(window.WebappUtils || {}, {
        popouts: {
            async popoutRhsPlugin(titleTemplate, pluginId, teamName, channelName) {
                const popoutListeners = await popout(`/_popout/rhs/${teamName}/${channelName}/plugin/${pluginId}`);
                const onOpened = pluginPopoutListeners.get(pluginId);
                if (onOpened) {
                    onOpened(teamName, channelName, popoutListeners);
                }
                return popoutListeners;
            },
            sendToParent(channel, ...args) {
                window.opener.postMessage({channel, args}, origin);
            },
            onMessageFromParent(listener) {
                window.addEventListener('message', (event) => {
                    if (event.origin !== origin || event.source !== window.opener) {
                        return;
                    }
                    listener(event.data.channel, ...event.data.args);
                });
            },
            isPopoutWindow,
            canPopout: () => !window.hostDesktop,
        },
    });

    const previousExtras = window.hostRegistryExtras;
    window.hostRegistryExtras = function(id, registered) {
        return Object.assign(previousExtras ? previousExtras(id, registered) : {}, {
            registerRHSPluginPopoutListener(pluginId, onPopoutOpened) {
                pluginPopoutListeners.set(pluginId, onPopoutOpened);
            },
        });
    };

    if (!isPopoutWindow()) {
        return;
    }

    // use_browser_popout.ts useBrowserPopout
    window.addEventListener('beforeunload', () => {
        if (window.opener) {
            window.opener.postMessage({channel: CLOSE_CHANNEL, args: []}, origin);
        }
    });

    const style = document.createElement('style');
    style.textContent = `
        body.app__body.popout #root .main-wrapper.rhs-popout { display: flex; }
        .rhs-popout .sidebar--right { width: 100%; background: var(--center-channel-bg); }
        .rhs-popout .sidebar--right__header { display: flex; align-items: center; height: 63px; padding: 0 16px; box-sizing: border-box;
            border-bottom: 1px solid rgba(var(--center-channel-color-rgb), 0.16); font-size: 16px; font-weight: 600; }
    `;
    document.head.appendChild(style);

    // rhs_popout.tsx + rhs_plugin_popout.tsx, inside popout_controller.tsx.
    function RhsPluginPopout({scene}) {
        const registered = window.hostRegistered();
        const pluginId = decodeURIComponent(window.location.pathname.split('/plugin/')[1] || '');
        const panel = registered.pluginId === pluginId && (registered.rhs || [])[0];
        if (!panel) {
            return h('div', {className: 'loading-screen'}, 'Loading');
        }
        return h('div', {className: 'main-wrapper rhs-popout'},
            h('div', {className: 'sidebar--right'},
                h('div', {className: 'sidebar-right__body', 'data-testid': 'rhs-plugin-popout'},
                    h('div', {className: 'sidebar--right__header'}, h('span', {className: 'sidebar--right__title'}, panel.title)),
                    h(panel.component, {theme: scene.theme}))));
    }

    let root = null;
    window.hostRender = function(scene, state) {
        document.body.classList.add('app__body', 'popout');
        const theme = scene.theme;
        const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ');
        const css = document.documentElement.style;
        css.setProperty('--center-channel-bg', theme.centerChannelBg);
        css.setProperty('--center-channel-color', theme.centerChannelColor);
        css.setProperty('--center-channel-color-rgb', rgb(theme.centerChannelColor));
        css.setProperty('--button-bg', theme.buttonBg);
        document.body.style.background = theme.centerChannelBg;
        document.body.style.color = theme.centerChannelColor;
        window.hostStore.dispatch({type: 'HOST_SET_STATE', state});
        const registered = window.hostRegistered();
        const messages = registered.getTranslations ? registered.getTranslations(scene.locale) : {};
        ReactDOM.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED.usingClientEntryPoint = true;
        root = root || ReactDOM.createRoot(document.getElementById('root'));
        root.render(h(ReactRedux.Provider, {store: window.hostStore},
            h(ReactIntl.IntlProvider, {locale: scene.locale, messages, defaultLocale: 'en'}, h(RhsPluginPopout, {scene}))));
    };
}());

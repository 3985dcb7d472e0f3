// A stand-in for the Mattermost webapp, each rule from the file it copies:
// - the plugin registry (webapp/channels/src/plugins/registry.ts) with the entries this
//   plugin may use, and registerPlugin/removePlugin (plugins/index.ts);
// - post rendering as post_message_view.tsx does it: the post-type component gets
//   {post, theme, compactDisplay, isRHS}, with no error boundary around it;
// - the call button as components/call_button/call_button.tsx renders it: one provider
//   shows its `button` in a clickable div, several share a menu of `dropdownButton`s;
// - channel-header buttons are hidden while the App Bar is on (selectors/plugins.ts,
//   channel_header_plug.tsx), the App Bar shows iconUrl images;
// - typed slash commands: use_submit.tsx -> create_comment.ts submitCommand ->
//   hooks.ts runSlashCommandWillBePostedHooks, synchronously inside the Enter keypress;
//   {} swallows the command, {message, args} sends it (actions/command.ts executeCommand,
//   which opens goto_location with window.open only after the server answered);
// - React 17 hosts (Mattermost 9.11-10.x) mount with ReactDOM.render, React 18 (11) with createRoot.
// host_calls.js, loaded next, adds the websocket, the user settings, the right-hand sidebar, the
// post menu, the channel intro, the sidebar and the reducers those need (hooks: hostRegistryExtras,
// hostMoreReducer, hostMoreUi, hostPostExtras, hostPluginRemoved).
(function() {
    'use strict';
    const {React, ReactDOM, Redux, ReactRedux, ReactIntl} = window;
    const h = React.createElement;

    // Timers started by the plugin bundle, so a test can see that uninitialize() stops them.
    const pluginTimers = new Map();
    const realSetTimeout = window.setTimeout.bind(window);
    const realClearTimeout = window.clearTimeout.bind(window);
    window.setTimeout = function(callback, ms, ...rest) {
        const fromPlugin = String(new Error().stack).includes('/static/main.js');
        const id = realSetTimeout(function() {
            pluginTimers.delete(id);
            return typeof callback === 'function' ? callback.apply(this, rest) : undefined;
        }, ms);
        if (fromPlugin) {
            pluginTimers.set(id, ms);
        }
        return id;
    };
    window.clearTimeout = function(id) {
        pluginTimers.delete(id);
        return realClearTimeout(id);
    };
    window.hostPendingPluginTimers = () => pluginTimers.size;

    const emptyRegistered = () => ({
        pluginId: '', header: [], callButtons: [], appBar: [], postTypes: {}, roots: [], slashHooks: [], getTranslations: null,
    });
    let registered = emptyRegistered();
    window.hostRegistered = () => registered;

    function makeRegistry(id) {
        let next = 0;
        const newId = (kind) => `${kind}-${++next}`;
        const more = window.hostRegistryExtras ? window.hostRegistryExtras(id, registered) : {};
        return Object.assign({
            id,
            registerChannelHeaderButtonAction(icon, action, dropdownText, tooltipText) {
                registered.header.push({icon, action, dropdownText, tooltipText});
                return newId('header');
            },
            registerCallButtonAction(button, dropdownButton, action) {
                registered.callButtons.push({button, dropdownButton, action});
                return newId('call');
            },
            registerAppBarComponent(iconUrl, action, tooltipText) {
                registered.appBar.push({iconUrl, action, tooltipText});
                return newId('appbar');
            },
            registerSlashCommandWillBePostedHook(hook) {
                registered.slashHooks.push(hook);
                return newId('hook');
            },
            registerPostTypeComponent(type, component) {
                registered.postTypes[type] = component;
                return newId('post');
            },
            registerRootComponent(component) {
                registered.roots.push(component);
                return newId('root');
            },
            registerTranslations(getTranslationsForLocale) {
                registered.getTranslations = getTranslationsForLocale;
            },
            registerWebSocketEventHandler() {},
            registerReconnectHandler() {},
            unregisterComponent() {},
        }, more);
    }

    // Mattermost's store runs thunks (redux-thunk); host_calls.js adds the reducers calling needs.
    const thunk = ({dispatch, getState}) => (next) => (action) => (typeof action === 'function' ? action(dispatch, getState) : next(action));
    const reducer = (state = {}, action) => {
        if (action.type === 'HOST_SET_STATE') {
            return action.state;
        }
        return window.hostMoreReducer ? window.hostMoreReducer(state, action) : state;
    };
    const store = Redux.createStore(reducer, Redux.applyMiddleware(thunk));
    window.hostStore = store;

    // plugins/index.ts: registerPlugin uninitializes an older copy first; loadPlugin then
    // calls initialize(registry, store) once the script has loaded.
    window.plugins = {};
    window.registerPlugin = function(id, plugin) {
        const old = window.plugins[id];
        if (old && old.uninitialize) {
            old.uninitialize();
        }
        window.plugins[id] = plugin;
        registered = emptyRegistered();
        registered.pluginId = id;
        plugin.initialize(makeRegistry(id), store);
    };

    // plugins/index.ts removePlugin: the plugin's components go first (REMOVED_WEBAPP_PLUGIN),
    // then uninitialize(), then its script element.
    window.hostRemovePlugin = function(id) {
        registered = emptyRegistered();
        rerender();
        const plugin = window.plugins[id];
        if (plugin && plugin.uninitialize) {
            plugin.uninitialize();
        }
        if (window.hostPluginRemoved) {
            window.hostPluginRemoved(id);
        }
        delete window.plugins[id];
    };

    // Mattermost also sets its theme as CSS variables on :root; root components use them.
    function applyThemeVariables(theme) {
        const style = document.documentElement.style;
        const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ');
        style.setProperty('--center-channel-bg', theme.centerChannelBg);
        style.setProperty('--center-channel-color', theme.centerChannelColor);
        style.setProperty('--center-channel-color-rgb', rgb(theme.centerChannelColor));
        style.setProperty('--error-text-color-rgb', rgb(theme.errorTextColor));
        style.setProperty('--button-bg', theme.buttonBg);
        style.setProperty('--link-color', theme.linkColor);
        document.body.style.background = theme.centerChannelBg;
        document.body.style.color = theme.centerChannelColor;
    }

    // A theme whose every colour throws when read: a way to make the plugin's card fail to render.
    function brokenTheme() {
        return new Proxy({}, {get() {
            throw new Error('host: broken theme');
        }});
    }

    function Post({post, scene}) {
        const type = typeof (post.props && post.props.type) === 'string' ? post.props.type : post.type;
        const Component = registered.postTypes[type];
        const theme = scene.brokenThemeFor === post.id ? brokenTheme() : scene.theme;
        return h('div', {className: 'post', 'data-post-id': post.id},
            h('div', {className: 'post__header'}, post.user_id === 'bot1' ? 'plugnmeet' : post.user_id, h('span', {className: 'post__time'}, 'BOT')),
            Component ? h(Component, {post, theme, compactDisplay: Boolean(scene.compact), isRHS: Boolean(scene.rhs)}) : post.message,
            window.hostPostExtras ? window.hostPostExtras(post, registered, scene) : null);
    }

    // components/call_button/call_button.tsx
    function CallButtons({scene}) {
        const buttons = registered.callButtons.concat(scene.otherCallProviders ? [{button: h('button', null, 'Other call'), dropdownButton: h('span', null, 'Other call'), action: () => undefined}] : []);
        const member = {channel_id: scene.channel.id, user_id: 'me'};
        if (buttons.length === 0) {
            return null;
        }
        if (buttons.length === 1) {
            const item = buttons[0];
            const run = () => item.action(scene.channel, member);
            return h('div', {className: 'flex-child', id: 'call-button', onClick: run, onTouchEnd: run}, item.button);
        }
        return h('ul', {id: 'call-menu'}, buttons.map((item, i) => h('li', {
            key: i,
            className: 'MenuItem',
            onClick: (e) => {
                e.preventDefault();
                item.action(scene.channel, member);
            },
        }, item.dropdownButton)));
    }

    // components/advanced_text_editor/use_submit.tsx and actions/views/create_comment.ts
    function submitTyped(scene, message) {
        const args = {channel_id: scene.channel.id, team_id: scene.channel.team_id, root_id: scene.typingRootId || ''};
        let result = {message, args};
        for (const hook of registered.slashHooks) {
            const answer = hook(result.message, result.args);
            if (answer) {
                if (answer.error) {
                    return;
                }
                if (!answer.message && !answer.args) {
                    window.hostSwallowedCommands.push(message);
                    return;
                }
                result = answer;
            }
        }

        // actions/command.ts: the answer's goto_location opens only after the server answered.
        fetch('/api/v4/commands/execute', {
            method: 'POST',
            headers: {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest'},
            body: JSON.stringify({command: result.message, ...result.args}),
        }).then((r) => r.json()).then((data) => {
            if (data.goto_location) {
                window.open(data.goto_location);
            }
        });
    }
    window.hostSwallowedCommands = [];

    function Textbox({scene}) {
        return h('textarea', {
            id: 'post_textbox',
            'aria-label': 'write to channel',
            onKeyDown: (e) => {
                if (e.key === 'Enter' && !e.shiftKey) {
                    e.preventDefault();
                    const message = e.target.value;
                    e.target.value = '';
                    if (message.indexOf('/') === 0) {
                        submitTyped(scene, message);
                    }
                }
            },
        });
    }

    function App({scene}) {
        const messages = registered.getTranslations ? registered.getTranslations(scene.locale) : {};
        const member = {channel_id: scene.channel.id, user_id: 'me'};
        return h(ReactRedux.Provider, {store},
            h(ReactIntl.IntlProvider, {locale: scene.locale, messages, defaultLocale: 'en'},
                h('header', {className: 'channel-header'},
                    h(CallButtons, {scene}),
                    scene.appBar ? null : registered.header.map((button, i) => h('button', {
                        key: 'h' + i,
                        id: 'channel-header-button-' + i,
                        type: 'button',
                        onClick: () => button.action(scene.channel, member),
                    }, button.icon)),
                    scene.appBar ? h('span', {className: 'app-bar'}, registered.appBar.map((item, i) => h('img', {
                        key: 'a' + i,
                        id: 'app-bar-icon-' + i,
                        src: item.iconUrl,
                        alt: 'plugnmeet',
                        onClick: () => item.action(scene.channel, member),
                    }))) : null),
                h('main', {id: 'posts', style: {width: scene.width + 'px', padding: '12px 20px'}},
                    scene.posts.map((post) => h(Post, {key: post.id, post, scene}))),
                h(Textbox, {scene}),
                window.hostMoreUi ? window.hostMoreUi({scene, registered}) : null,
                registered.roots.map((Root, i) => h(Root, {key: 'r' + i}))));
    }

    const container = () => document.getElementById('root');
    let root = null;
    let lastScene = null;
    function mount(element) {
        if (typeof ReactDOM.createRoot === 'function') {
            // react-dom/client sets this before createRoot; the UMD build has no such entry point.
            ReactDOM.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED.usingClientEntryPoint = true;
            root = root || ReactDOM.createRoot(container());
            root.render(element);
        } else {
            ReactDOM.render(element, container());
        }
    }
    function rerender() {
        if (lastScene) {
            mount(h(App, {scene: lastScene}));
        }
    }

    window.hostReactVersion = React.version;
    window.hostRender = function(scene, state) {
        lastScene = scene;
        applyThemeVariables(scene.theme);
        store.dispatch({type: 'HOST_SET_STATE', state});
        mount(h(App, {scene}));
    };
}());

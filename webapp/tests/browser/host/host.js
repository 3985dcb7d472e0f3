// A stand-in for the Mattermost webapp: the plugin registry, a redux store with the
// state the plugin reads, and post rendering the way post_message_view.tsx does it
// (post, theme, compactDisplay, isRHS), inside react-redux's Provider and IntlProvider.
(function () {
    'use strict';
    const {React, ReactDOM, Redux, ReactRedux, ReactIntl} = window;
    const h = React.createElement;

    const registered = {pluginId: '', header: [], appBar: [], postTypes: {}, roots: [], getTranslations: null};
    window.hostRegistered = registered;

    const registry = {
        registerChannelHeaderButtonAction(icon, action, dropdownText, tooltipText) {
            registered.header.push({icon, action, dropdownText, tooltipText});
            return 'header-' + registered.header.length;
        },
        registerAppBarComponent(iconUrl, action, tooltipText) {
            registered.appBar.push({iconUrl, action, tooltipText});
            return 'appbar-' + registered.appBar.length;
        },
        registerPostTypeComponent(type, component) {
            registered.postTypes[type] = component;
            return 'post-' + type;
        },
        registerRootComponent(component) {
            registered.roots.push(component);
            return 'root-' + registered.roots.length;
        },
        registerTranslations(getTranslationsForLocale) {
            registered.getTranslations = getTranslationsForLocale;
        },
    };

    const store = Redux.createStore((state = {}, action) => (action.type === 'HOST_SET_STATE' ? action.state : state));
    window.hostStore = store;

    // Mattermost's plugins/index.ts: registerPlugin initializes the plugin right away.
    window.registerPlugin = function (id, plugin) {
        registered.pluginId = id;
        plugin.initialize(registry, store);
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

    function Post({post, scene}) {
        const type = typeof (post.props && post.props.type) === 'string' ? post.props.type : post.type;
        const Component = registered.postTypes[type];
        return h('div', {className: 'post', 'data-post-id': post.id},
            h('div', {className: 'post__header'}, 'plugnmeet', h('span', {className: 'post__time'}, 'BOT')),
            Component ? h(Component, {post, theme: scene.theme, compactDisplay: Boolean(scene.compact), isRHS: Boolean(scene.rhs)}) : post.message);
    }

    function App({scene}) {
        const messages = registered.getTranslations ? registered.getTranslations(scene.locale) : {};
        return h(ReactRedux.Provider, {store},
            h(ReactIntl.IntlProvider, {locale: scene.locale, messages, defaultLocale: 'en'},
                h('header', {className: 'channel-header'},
                    registered.header.map((button, i) => h('button', {
                        key: 'h' + i,
                        id: 'channel-header-button-' + i,
                        type: 'button',
                        onClick: () => button.action(scene.channel, {channel_id: scene.channel.id, user_id: 'me'}),
                    }, button.icon)),
                    h('span', {className: 'app-bar'}, registered.appBar.map((item, i) => h('img', {
                        key: 'a' + i,
                        id: 'app-bar-icon-' + i,
                        src: item.iconUrl,
                        alt: 'plugnmeet',
                        onClick: () => item.action(scene.channel, {channel_id: scene.channel.id, user_id: 'me'}),
                    })))),
                h('main', {id: 'posts', style: {width: scene.width + 'px', padding: '12px 20px'}},
                    scene.posts.map((post) => h(Post, {key: post.id, post, scene}))),
                registered.roots.map((Root, i) => h(Root, {key: 'r' + i}))));
    }

    // react-dom/client sets this before createRoot; the UMD build has no such entry point.
    ReactDOM.__SECRET_INTERNALS_DO_NOT_USE_OR_YOU_WILL_BE_FIRED.usingClientEntryPoint = true;
    let root = null;

    window.hostRender = function (scene, state) {
        root = root || ReactDOM.createRoot(document.getElementById('root'));
        applyThemeVariables(scene.theme);
        store.dispatch({type: 'HOST_SET_STATE', state});
        root.render(h(App, {scene}));
    };
})();

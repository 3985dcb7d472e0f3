// More of the Mattermost webapp for the host pages (host.js), each rule from the file it copies:
// - the websocket: the page listens to the fake server (harness.ts, fake_users.ts) as
//   actions/websocket_actions.jsx handleEvent does: Mattermost's own handling first (posted and
//   post_edited: JSON.parse(msg.data.post) into the store; user_updated: RECEIVED_ME only when
//   newer; preferences_changed: RECEIVED_PREFERENCES; status_change: RECEIVED_STATUSES), then each
//   plugin's handler for that event, one per plugin and event (registerPluginWebSocketEvent), and
//   reconnect handlers one per plugin (registerPluginReconnectHandler); removePlugin drops both
//   (plugins/index.ts);
// - the registry entries calling uses (plugins/registry.ts): registerUserSettings, checked the way
//   utils/plugin_setting_extractor.tsx does and rendered as components/user_settings/plugin/
//   plugin_setting.tsx + radio.tsx (Save dispatches savePreferences: RECEIVED_PREFERENCES, then
//   PUT /users/{id}/preferences, then the section's onSubmit); registerRightHandSidebarComponent,
//   whose show/hide/toggle are the actions of actions/views/rhs.ts (UPDATE_RHS_STATE, a thunk to
//   toggle) and whose component renders while views.rhs has it (components/rhs_plugin);
//   registerPostDropdownMenuAction (components/dot_menu/dot_menu.tsx: filter(post.id),
//   action(post.id)); registerChannelIntroButtonAction (channel_intro_message/
//   pluggable_intro_buttons.tsx: none in archived channels or without a membership,
//   action(channel, channelMember)); registerChannelHeaderMenuAction (action(channel.id));
//   registerSidebarChannelLinkLabelComponent (sidebar_channel_link.tsx: the component gets {channel});
// - the store's reducers for those actions, as mattermost-redux's (reducers/entities/posts.ts,
//   users.ts, preferences.ts keyed `${category}--${name}`, channels.ts SELECT_CHANNEL, teams.ts
//   SELECT_TEAM, reducers/views/rhs.ts);
// - media events (play, playing, pause, ended, error) of <audio> elements, captured at the document.
(function() {
    'use strict';
    const {React, ReactRedux} = window;
    const h = React.createElement;

    // Roughly Mattermost's look for the parts this file adds, for the screenshots.
    const style = document.createElement('style');
    style.textContent = `
        #sidebar ul { list-style: none; margin: 8px 0; padding: 0 20px; }
        #sidebar li { display: flex; align-items: center; height: 28px; }
        #channel-header-menu { list-style: none; margin: 0; padding: 0 20px; }
        #channel-header-menu li, .post-menu__items li { cursor: pointer; }
        #rhs { position: fixed; top: 48px; right: 0; bottom: 0; width: 400px; overflow: auto; z-index: 10;
            background: var(--center-channel-bg); border-left: 1px solid rgba(var(--center-channel-color-rgb), 0.16); }
        .sidebar--right__header { display: flex; align-items: center; height: 56px; padding: 0 16px;
            border-bottom: 1px solid rgba(var(--center-channel-color-rgb), 0.16); font-size: 16px; font-weight: 600; }
        #user-settings { box-sizing: border-box; width: 560px; margin: 16px 20px; padding: 16px 24px; border-radius: 8px;
            box-shadow: 0 8px 24px rgba(0, 0, 0, 0.12), 0 0 0 1px rgba(var(--center-channel-color-rgb), 0.16); }
        .user-settings__tab { display: flex; align-items: center; gap: 8px; margin: 0 0 12px; font-size: 18px; }
        .user-settings__section h4 { margin: 8px 0; font-size: 14px; }
        .user-settings__section fieldset { margin: 0; padding: 0; border: 0; }
        .user-settings__option { display: block; margin: 6px 0; }
        .user-settings__help { margin: 8px 0 12px; font-size: 12px; opacity: 0.72; }
        .user-settings__save { height: 32px; padding: 0 16px; border: 0; border-radius: 4px; background: var(--button-bg); color: #fff; font-weight: 600; }
    `;
    document.head.appendChild(style);

    window.hostMediaEvents = [];
    ['play', 'playing', 'pause', 'ended', 'error'].forEach((type) => {
        document.addEventListener(type, (event) => {
            const target = event.target;
            if (target && target.tagName === 'AUDIO') {
                window.hostMediaEvents.push({type, id: target.id, src: String(target.getAttribute('src') || '').slice(0, 22), inDocument: document.contains(target)});
            }
        }, true);
    });

    // actions/websocket_actions.jsx
    const pluginEventHandlers = {};
    const pluginReconnectHandlers = {};

    // utils/plugins/preferences.ts
    const pluginPreferenceKey = (pluginId) => `pp_${pluginId}`.slice(0, 32);

    // utils/plugin_setting_extractor.tsx (the sections version, 10.x and later).
    function extractRadio(setting) {
        if (!setting || typeof setting !== 'object' || !setting.name || typeof setting.name !== 'string') {
            return undefined;
        }
        for (const key of ['title', 'helpText']) {
            if (setting[key] && typeof setting[key] !== 'string') {
                return undefined;
            }
        }
        if (setting.type !== 'radio' || !setting.default || typeof setting.default !== 'string' || !Array.isArray(setting.options)) {
            return undefined;
        }
        const options = setting.options.filter((o) => o && typeof o.value === 'string' && o.value && typeof o.text === 'string' && o.text);
        if (!options.length) {
            return undefined;
        }
        return {type: 'radio', name: setting.name, title: setting.title, helpText: setting.helpText, default: setting.default, options};
    }
    function extractPluginConfiguration(configuration, pluginId) {
        if (!configuration || typeof configuration !== 'object' || !configuration.uiName || typeof configuration.uiName !== 'string') {
            return undefined;
        }
        if (configuration.icon && typeof configuration.icon !== 'string') {
            return undefined;
        }
        if (!Array.isArray(configuration.sections) || !configuration.sections.length) {
            return undefined;
        }
        const sections = [];
        for (const section of configuration.sections) {
            if (!section || !section.title || typeof section.title !== 'string' || !Array.isArray(section.settings) || !section.settings.length) {
                continue;
            }
            if (section.onSubmit && typeof section.onSubmit !== 'function') {
                continue;
            }
            const settings = section.settings.map(extractRadio).filter(Boolean);
            if (settings.length) {
                sections.push({title: section.title, settings, onSubmit: section.onSubmit});
            }
        }
        return sections.length ? {id: pluginId, uiName: configuration.uiName, icon: configuration.icon, sections} : undefined;
    }

    // actions/views/rhs.ts
    const showRHSPlugin = (pluggableId) => ({type: 'UPDATE_RHS_STATE', state: 'plugin', pluggableId});
    const hideRHSPlugin = (pluggableId) => (dispatch, getState) => {
        if (((getState().views || {}).rhs || {}).pluggableId === pluggableId) {
            dispatch({type: 'UPDATE_RHS_STATE', state: null});
        }
        return {data: true};
    };
    const toggleRHSPlugin = (pluggableId) => (dispatch, getState) => {
        if (((getState().views || {}).rhs || {}).pluggableId === pluggableId) {
            dispatch(hideRHSPlugin(pluggableId));
            return {data: false};
        }
        dispatch(showRHSPlugin(pluggableId));
        return {data: true};
    };

    let nextId = 0;
    const newId = (kind) => `${kind}-x${++nextId}`;

    window.hostRegistryExtras = function(pluginId, registered) {
        Object.assign(registered, {userSettings: null, rhs: [], postMenu: [], introButtons: [], headerMenu: [], sidebarLabels: []});
        return {
            registerWebSocketEventHandler(event, handler) {
                pluginEventHandlers[pluginId] = pluginEventHandlers[pluginId] || {};
                pluginEventHandlers[pluginId][event] = handler;
            },
            unregisterWebSocketEventHandler(event) {
                if (pluginEventHandlers[pluginId]) {
                    delete pluginEventHandlers[pluginId][event];
                }
            },
            registerReconnectHandler(handler) {
                pluginReconnectHandlers[pluginId] = handler;
            },
            unregisterReconnectHandler() {
                delete pluginReconnectHandlers[pluginId];
            },
            registerUserSettings(setting) {
                registered.userSettings = extractPluginConfiguration(setting, pluginId) || null;
                registered.userSettingsRaw = setting;
            },
            registerRightHandSidebarComponent(component, title) {
                const id = newId('rhs');
                registered.rhs.push({id, component, title});
                return {id, showRHSPlugin: showRHSPlugin(id), hideRHSPlugin: hideRHSPlugin(id), toggleRHSPlugin: toggleRHSPlugin(id)};
            },
            registerPostDropdownMenuAction(text, action, filter) {
                const id = newId('postmenu');
                registered.postMenu.push({id, text, action, filter});
                return id;
            },
            registerChannelIntroButtonAction(icon, action, text) {
                const id = newId('intro');
                registered.introButtons.push({id, icon, action, text});
                return id;
            },
            registerChannelHeaderMenuAction(text, action, shouldRender) {
                const id = newId('headermenu');
                registered.headerMenu.push({id, text, action, shouldRender: shouldRender || (() => true)});
                return id;
            },
            registerSidebarChannelLinkLabelComponent(component) {
                const id = newId('sidebarlabel');
                registered.sidebarLabels.push({id, component});
                return id;
            },
        };
    };

    // plugins/index.ts removePlugin: after uninitialize().
    window.hostPluginRemoved = function(pluginId) {
        delete pluginEventHandlers[pluginId];
        delete pluginReconnectHandlers[pluginId];
    };

    function set(object, key, value) {
        return {...object, [key]: value};
    }

    // mattermost-redux reducers for the actions this host dispatches.
    window.hostMoreReducer = function(state, action) {
        const entities = state.entities || {};
        switch (action.type) {
        case 'RECEIVED_NEW_POST':
        case 'RECEIVED_POST': {
            const posts = entities.posts || {};
            return set(state, 'entities', set(entities, 'posts', set(posts, 'posts', set(posts.posts || {}, action.data.id, action.data))));
        }
        case 'RECEIVED_ME':
        case 'RECEIVED_PROFILE': {
            const users = entities.users || {};
            const profiles = users.profiles || {};
            return set(state, 'entities', set(entities, 'users', set(users, 'profiles', set(profiles, action.data.id, {...profiles[action.data.id], ...action.data}))));
        }
        case 'RECEIVED_STATUSES': {
            const users = entities.users || {};
            return set(state, 'entities', set(entities, 'users', set(users, 'statuses', {...users.statuses, ...action.data})));
        }
        case 'RECEIVED_PREFERENCES': {
            const preferences = entities.preferences || {};
            const mine = {...preferences.myPreferences};
            for (const p of action.data || []) {
                mine[`${p.category}--${p.name}`] = p;
            }
            return set(state, 'entities', set(entities, 'preferences', set(preferences, 'myPreferences', mine)));
        }
        case 'SELECT_CHANNEL':
            return set(state, 'entities', set(entities, 'channels', set(entities.channels || {}, 'currentChannelId', action.data)));
        case 'SELECT_TEAM':
            return set(state, 'entities', set(entities, 'teams', set(entities.teams || {}, 'currentTeamId', action.data)));
        case 'UPDATE_RHS_STATE': {
            const views = state.views || {};
            const rhs = {...views.rhs, rhsState: action.state, pluggableId: action.state === 'plugin' ? action.pluggableId : '', isSidebarOpen: Boolean(action.state)};
            return set(state, 'views', set(views, 'rhs', rhs));
        }
        default:
            return state;
        }
    };

    // actions/websocket_actions.jsx handleEvent
    function handleEvent(msg) {
        const store = window.hostStore;
        const state = store.getState();
        switch (msg.event) {
        case 'posted':
            store.dispatch({type: 'RECEIVED_NEW_POST', data: JSON.parse(msg.data.post)});
            break;
        case 'post_edited':
            store.dispatch({type: 'RECEIVED_POST', data: JSON.parse(msg.data.post)});
            break;
        case 'user_updated': {
            const user = msg.data.user;
            const users = (state.entities || {}).users || {};
            const current = (users.profiles || {})[users.currentUserId] || {};
            if (user.id === users.currentUserId) {
                if (user.update_at > (current.update_at || 0)) {
                    store.dispatch({type: 'RECEIVED_ME', data: user});
                }
            } else {
                store.dispatch({type: 'RECEIVED_PROFILE', data: user});
            }
            break;
        }
        case 'preferences_changed':
            store.dispatch({type: 'RECEIVED_PREFERENCES', data: JSON.parse(msg.data.preferences)});
            break;
        case 'status_change':
            store.dispatch({type: 'RECEIVED_STATUSES', data: {[msg.data.user_id]: msg.data.status}});
            break;
        default:
        }
        window.hostWebSocketEvents.push(msg.event);
        Object.values(pluginEventHandlers).forEach((events) => {
            if (events && Object.hasOwn(events, msg.event) && typeof events[msg.event] === 'function') {
                events[msg.event](msg);
            }
        });
    }
    window.hostWebSocketEvents = [];
    window.hostHandleEvent = handleEvent;

    // actions/websocket_actions.jsx reconnect: every plugin's reconnect handler.
    window.hostReconnect = function() {
        Object.values(pluginReconnectHandlers).forEach((handler) => {
            if (typeof handler === 'function') {
                handler();
            }
        });
    };

    window.hostWebSocketOpen = false;
    const source = new EventSource('/host/events');
    source.onopen = () => {
        window.hostWebSocketOpen = true;
    };
    source.onmessage = (event) => handleEvent(JSON.parse(event.data));
    window.hostCloseWebSocket = () => source.close();

    // Client4.savePreferences, as the user settings' Save sends it.
    function savePreferences(userId, preferences) {
        window.hostStore.dispatch({type: 'RECEIVED_PREFERENCES', data: preferences});
        const csrf = (document.cookie.match(/(?:^|;\s*)MMCSRF=([^;]+)/) || [])[1] || '';
        return fetch(`/api/v4/users/${userId}/preferences`, {
            method: 'PUT',
            headers: {'Content-Type': 'application/json', 'X-Requested-With': 'XMLHttpRequest', 'X-CSRF-Token': csrf},
            body: JSON.stringify(preferences),
        });
    }

    function PluginSettings({registered}) {
        const configuration = registered.userSettings;
        const state = ReactRedux.useSelector((s) => s);
        const users = (state.entities || {}).users || {};
        const mine = ((state.entities || {}).preferences || {}).myPreferences || {};
        const [changes, setChanges] = React.useState({});
        if (!configuration) {
            return null;
        }
        const category = pluginPreferenceKey(registered.pluginId);
        const valueOf = (setting) => (changes[setting.name] === undefined ? ((mine[`${category}--${setting.name}`] || {}).value || setting.default) : changes[setting.name]);
        return h('div', {id: 'user-settings', className: 'user-settings', role: 'dialog', 'aria-label': 'Settings'},
            h('h3', {className: 'user-settings__tab'}, configuration.icon ? h('img', {src: configuration.icon, alt: '', width: 16, height: 16}) : null, ' ', configuration.uiName),
            configuration.sections.map((section) => h('section', {key: section.title, className: 'user-settings__section'},
                h('h4', null, section.title),
                section.settings.map((setting) => h('fieldset', {key: setting.name},
                    setting.title ? h('legend', null, setting.title) : null,
                    setting.options.map((option) => h('label', {key: option.value, className: 'user-settings__option'},
                        h('input', {
                            type: 'radio',
                            name: setting.name,
                            value: option.value,
                            checked: valueOf(setting) === option.value,
                            onChange: () => setChanges({...changes, [setting.name]: option.value}),
                        }),
                        ' ', option.text)),
                    setting.helpText ? h('p', {className: 'user-settings__help'}, setting.helpText) : null)),
                h('button', {
                    type: 'button',
                    className: 'user-settings__save',
                    onClick: () => {
                        const names = Object.keys(changes);
                        if (names.length) {
                            savePreferences(users.currentUserId, names.map((name) => ({user_id: users.currentUserId, category, name, value: changes[name]})));
                            if (section.onSubmit) {
                                section.onSubmit(changes);
                            }
                        }
                        setChanges({});
                    },
                }, 'Save'))));
    }

    function Rhs({registered}) {
        const rhs = ReactRedux.useSelector((s) => (s.views || {}).rhs || {});
        const open = rhs.rhsState === 'plugin' && registered.rhs.find((r) => r.id === rhs.pluggableId);
        if (!open) {
            return null;
        }
        return h('aside', {id: 'rhs', className: 'sidebar--right', 'aria-label': 'right-hand sidebar'},
            h('div', {className: 'sidebar--right__header'}, h('span', {className: 'sidebar--right__title'}, open.title)),
            h(open.component, {}));
    }

    function Sidebar({registered}) {
        const channels = ReactRedux.useSelector((s) => ((s.entities || {}).channels || {}).channels || {});
        return h('nav', {id: 'sidebar', 'aria-label': 'channel sidebar'},
            h('ul', null, Object.values(channels).map((channel) => h('li', {key: channel.id, 'data-channel-id': channel.id, className: 'SidebarLink'},
                h('span', {className: 'SidebarChannelLinkLabel'}, channel.display_name || channel.name),
                registered.sidebarLabels.map((label) => h(label.component, {key: label.id, channel}))))));
    }

    function ChannelHeaderMenu({registered, scene}) {
        const state = ReactRedux.useSelector((s) => s);
        return h('ul', {id: 'channel-header-menu', 'aria-label': 'channel menu'},
            registered.headerMenu.filter((item) => item.shouldRender(state)).map((item) => h('li', {
                key: item.id,
                className: 'MenuItem',
                onClick: () => item.action(scene.channel.id),
            }, item.text)));
    }

    function ChannelIntro({registered, scene}) {
        const channel = scene.channel;
        const member = scene.noMembership ? undefined : {channel_id: channel.id, user_id: 'me'};
        if ((channel.delete_at || 0) !== 0 || !member || !registered.introButtons.length) {
            return null;
        }
        return h('div', {id: 'channel-intro'}, registered.introButtons.map((button) => h('button', {
            key: button.id,
            type: 'button',
            className: 'action-button',
            onClick: () => button.action(channel, member),
        }, button.icon, button.text)));
    }

    window.hostMoreUi = function({scene, registered}) {
        if (!registered.rhs) {
            return null;
        }
        return [
            h(Sidebar, {key: 'sidebar', registered}),
            h(ChannelHeaderMenu, {key: 'headermenu', registered, scene}),
            scene.channelIntro ? h(ChannelIntro, {key: 'intro', registered, scene}) : null,
            h(Rhs, {key: 'rhs', registered}),
            scene.userSettings ? h(PluginSettings, {key: 'settings', registered}) : null,
        ];
    };

    function PostMenu({post, registered}) {
        const [open, setOpen] = React.useState(false);
        const items = open ? registered.postMenu.filter((item) => (item.filter ? item.filter(post.id) : true)) : [];
        return h('div', {className: 'post-menu'},
            h('button', {type: 'button', className: 'post-menu__button', 'aria-label': 'more actions', onClick: () => setOpen(!open)}, '…'),
            open ? h('ul', {className: 'post-menu__items', role: 'menu'}, items.map((item) => h('li', {
                key: item.id,
                role: 'menuitem',
                onClick: () => {
                    setOpen(false);
                    item.action(post.id);
                },
            }, item.text))) : null);
    }

    // The post's "..." menu, in scenes that ask for it (Mattermost shows it on hover).
    window.hostPostExtras = function(post, registered, scene) {
        return scene.postMenus && registered.postMenu && registered.postMenu.length ? h(PostMenu, {post, registered}) : null;
    };
}());

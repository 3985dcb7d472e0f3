// The parts of the Mattermost webapp this plugin relies on. @mattermost/types has no
// typings for the plugin registry or the theme, so these are written from the webapp's
// plugins/registry.ts and post_message_view.tsx.
import type React from 'react';

import type {Channel, ChannelMembership} from '@mattermost/types/channels';
import type {CommandArgs} from '@mattermost/types/integrations';
import type {Post} from '@mattermost/types/posts';

export type Theme = {
    centerChannelBg?: string;
    centerChannelColor?: string;
    buttonBg?: string;
    buttonColor?: string;
    onlineIndicator?: string;
    awayIndicator?: string;
    dndIndicator?: string;
    errorTextColor?: string;
    linkColor?: string;
    [key: string]: unknown;
};

/** What Mattermost passes to a registered post-type component. */
export type PostTypeProps = {
    post: Post;
    theme?: Theme;
    compactDisplay?: boolean;
    isRHS?: boolean;
};

export type ChannelAction = (channel?: Channel | null, member?: ChannelMembership | null) => void;

export type Translations = Record<string, string>;

export interface PluginRegistry {

    // The plugin's id, as Mattermost registered it (plugins/registry.ts constructor).
    id?: string;
    registerChannelHeaderButtonAction(
        icon: React.ReactNode,
        action: ChannelAction,
        dropdownText: React.ReactNode,
        tooltipText: React.ReactNode,
    ): string;

    // Mattermost 6.5+: the channel-header call button, shared with other call providers.
    registerCallButtonAction?(button: React.ReactNode, dropdownButton: React.ReactNode, action: ChannelAction): string;

    // Runs before a typed slash command is sent: {} swallows it, {message, args} lets it go on.
    registerSlashCommandWillBePostedHook?(hook: (message: string, args: CommandArgs) => unknown): string;

    // "INTERNAL: Subject to change" in Mattermost, and missing on older servers.
    registerAppBarComponent?(iconUrl: string, action: ChannelAction, tooltipText: React.ReactNode): string;
    registerPostTypeComponent(type: string, component: React.ComponentType<PostTypeProps>): string;
    registerRootComponent(component: React.ComponentType): string;
    registerTranslations(getTranslationsForLocale: (locale: string) => Translations): void;

    // Core websocket events too ('posted', 'post_edited'); one handler per plugin and event
    // (actions/websocket_actions.jsx registerPluginWebSocketEvent), called after Mattermost's own.
    registerWebSocketEventHandler?(event: string, handler: (message: WebSocketMessage) => void): void;
    unregisterWebSocketEventHandler?(event: string): void;
    registerReconnectHandler?(handler: () => void): void;
    unregisterReconnectHandler?(): void;

    // Mattermost 9.3+: values are kept in the user's preferences, category pp_<plugin id> (types/plugins/user_settings.ts).
    registerUserSettings?(setting: PluginConfiguration): void;

    // The returned actions are dispatched on the store (actions/views/rhs.ts).
    registerRightHandSidebarComponent?(component: React.ComponentType, title: React.ReactNode): RightHandSidebar;
    registerPostDropdownMenuAction?(text: React.ReactNode, action: (postId: string) => void, filter?: (postId: string) => boolean): string;
    registerChannelIntroButtonAction?(icon: React.ReactNode, action: ChannelAction, text: React.ReactNode): string;
    registerChannelHeaderMenuAction?(text: React.ReactNode, action: (channelId: string) => void): string;

    // "INTERNAL: Subject to change": a component beside each channel's name in the sidebar, given {channel}.
    registerSidebarChannelLinkLabelComponent?(component: React.ComponentType<{channel?: Partial<Channel>}>): string;

    // Mattermost 11: called with the listeners of each popout of this plugin's right-hand panel
    // (utils/popouts/popout_windows.ts popoutRhsPlugin); the listeners are empty where the popup was blocked.
    registerRHSPluginPopoutListener?(pluginId: string, onPopoutOpened: (teamName: string, channelName: string, listeners: Partial<PopoutListeners>) => void): void;
}

/** A popout's messaging as Mattermost hands it to the opener (utils/popouts/popout_windows.ts). */
export type PopoutListeners = {
    sendToPopout: (channel: string, ...args: unknown[]) => void;
    onMessageFromPopout: (listener: (channel: string, ...args: unknown[]) => void) => void;
    onClosePopout: (listener: () => void) => void;
};

/** A websocket message as Mattermost hands it to plugin handlers (@mattermost/client WebSocketMessage). */
export type WebSocketMessage = {
    event: string;
    data?: Record<string, unknown>;
    broadcast?: {channel_id?: string; user_id?: string; team_id?: string};
    seq?: number;
};

export type RightHandSidebar = {id: string; showRHSPlugin: unknown; hideRHSPlugin: unknown; toggleRHSPlugin: unknown};

/** registerUserSettings' argument: every shape from 9.3 (settings) to 10.x+ (sections) accepts this. */
export type PluginRadioSetting = {
    type: 'radio';
    name: string;
    title: string;
    helpText?: string;
    default: string;
    options: Array<{value: string; text: string; helpText?: string}>;
};
export type PluginConfiguration = {
    id: string;
    uiName: string;
    icon?: string;
    sections: Array<{title: string; settings: PluginRadioSetting[]; onSubmit?: (changes: Record<string, string>) => void}>;

    // The first version (PR #25517) read settings straight from here.
    settings: PluginRadioSetting[];
};

/** The slice of Mattermost's redux state this plugin reads; everything is optional on purpose. */
export type MattermostState = {
    entities?: {
        teams?: {currentTeamId?: string; teams?: Record<string, {name?: string} | undefined>};
        channels?: {currentChannelId?: string; channels?: Record<string, Partial<Channel> | undefined>};
        posts?: {posts?: Record<string, Partial<Post> | undefined>};
        users?: {
            currentUserId?: string;
            profiles?: Record<string, {locale?: string; username?: string; id?: string; props?: Record<string, unknown>} | undefined>;
            statuses?: Record<string, string | undefined>;
        };
        preferences?: {myPreferences?: Record<string, {category?: string; name?: string; value?: string} | undefined>};
    };
    views?: {rhs?: {selectedPostId?: string}};
};

/** Mattermost's redux store; tests may hand in less. */
export type StoreLike = {
    getState(): unknown;
    dispatch?(action: unknown): unknown;
    subscribe?(listener: () => void): () => void;
};

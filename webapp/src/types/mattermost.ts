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
}

/** The slice of Mattermost's redux state this plugin reads; everything is optional on purpose. */
export type MattermostState = {
    entities?: {
        teams?: {currentTeamId?: string};
        channels?: {currentChannelId?: string};
        posts?: {posts?: Record<string, Partial<Post> | undefined>};
        users?: {currentUserId?: string; profiles?: Record<string, {locale?: string; username?: string; id?: string} | undefined>};
    };
    views?: {rhs?: {selectedPostId?: string}};
};

export type StoreLike = {getState(): unknown};

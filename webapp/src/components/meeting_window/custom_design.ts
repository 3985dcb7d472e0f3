// The meeting in the user's Mattermost theme: plugNmeet's client reads `custom_design`, a JSON
// object of colours, from its URL (plugNmeet-client src/helpers/hooks/useClientCustomization.tsx)
// and writes them into CSS. Only #rrggbb colours go in: nothing else of the theme reaches its CSS.
import type {Theme} from '../../types/mattermost';
import {defaultTheme, parseColor} from '../../utils/theme';

type Colours = {centerChannelBg: string; centerChannelColor: string; buttonBg: string; buttonColor: string};

const hex = (rgb: [number, number, number]) => `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** A colour as #rrggbb, or '' when it is not one parseColor reads. */
function asHex(value: unknown): string {
    if (typeof value !== 'string') {
        return '';
    }
    const rgb = parseColor(value.trim());
    return rgb ? hex(rgb) : '';
}

/** The theme's colours: from the theme prop where Mattermost passes one, else the variables it sets on :root. */
export function themeColours(theme: Theme | undefined, root: Element | null = typeof document === 'undefined' ? null : document.documentElement): Colours {
    const variables = root ? getComputedStyle(root) : null;
    const fromVariable = (name: string) => asHex(variables?.getPropertyValue(name));
    const pick = (key: keyof Colours, variable: string) => asHex(theme?.[key]) || fromVariable(variable) || defaultTheme[key];
    return {
        centerChannelBg: pick('centerChannelBg', '--center-channel-bg'),
        centerChannelColor: pick('centerChannelColor', '--center-channel-color'),
        buttonBg: pick('buttonBg', '--button-bg'),
        buttonColor: pick('buttonColor', '--button-color'),
    };
}

/** The join link with `custom_design` in the theme's colours. */
export function themedUrl(url: string, colours: Colours): string {
    const design = {
        primary_color: colours.buttonBg,
        primary_btn_bg_color: colours.buttonBg,
        primary_btn_text_color: colours.buttonColor,
        secondary_color: colours.centerChannelColor,
        background_color: colours.centerChannelBg,
        header_bg_color: colours.centerChannelBg,
        footer_bg_color: colours.centerChannelBg,
        side_panel_bg_color: colours.centerChannelBg,
    };
    try {
        const themed = new URL(url);
        themed.searchParams.set('custom_design', JSON.stringify(design));
        return themed.href;
    } catch {
        return url;
    }
}

// Turns a Mattermost theme into the CSS custom properties the cards' stylesheet uses.
// Every colour is derived from the theme (with alpha blends over the channel background),
// so light and dark themes both read well without a second palette.
import type {CSSProperties} from 'react';

import type {Theme} from '../types/mattermost';

// Mattermost's default "Denim" theme, used for any key a theme lacks.
export const defaultTheme = {
    centerChannelBg: '#ffffff',
    centerChannelColor: '#3f4350',
    buttonBg: '#1c58d9',
    buttonColor: '#ffffff',
    onlineIndicator: '#3db887',
    awayIndicator: '#ffbc1f',
    dndIndicator: '#d24b4e',
    errorTextColor: '#d24b4e',
    linkColor: '#386fe5',
};

type ThemeKey = keyof typeof defaultTheme;

function pick(theme: Theme | undefined, key: ThemeKey): string {
    const value = theme?.[key];
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : defaultTheme[key];
}

/** Parses #rgb, #rrggbb, #rrggbbaa, rgb() and rgba(); null for anything else. */
export function parseColor(color: string): [number, number, number] | null {
    const hex = (/^#([0-9a-f]{3}|[0-9a-f]{6}|[0-9a-f]{8})$/i).exec(color);
    if (hex) {
        let digits = hex[1];
        if (digits.length === 3) {
            digits = digits.split('').map((d) => d + d).join('');
        }
        return [0, 2, 4].map((i) => parseInt(digits.slice(i, i + 2), 16)) as [number, number, number];
    }
    const rgb = (/^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})\s*(?:,\s*[\d.]+\s*)?\)$/i).exec(color);
    if (rgb) {
        const channels = rgb.slice(1, 4).map(Number);
        if (channels.every((c) => c <= 255)) {
            return channels as [number, number, number];
        }
    }
    return null;
}

/** The colour at the given opacity; color-mix() keeps named or exotic colours working. */
export function withAlpha(color: string, alpha: number): string {
    const rgb = parseColor(color);
    if (rgb) {
        return `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})`;
    }
    return `color-mix(in srgb, ${color} ${Math.round(alpha * 100)}%, transparent)`;
}

/** CSS variables for the card root; the stylesheet in styles/styles.ts only refers to these. */
export function themeVariables(theme: Theme | undefined): CSSProperties {
    const fg = pick(theme, 'centerChannelColor');
    const online = pick(theme, 'onlineIndicator');
    const button = pick(theme, 'buttonBg');
    return {
        '--pnm-bg': pick(theme, 'centerChannelBg'),
        '--pnm-fg': fg,
        '--pnm-fg-muted': withAlpha(fg, 0.72),
        '--pnm-fg-faint': withAlpha(fg, 0.48),
        '--pnm-border': withAlpha(fg, 0.16),
        '--pnm-surface': withAlpha(fg, 0.04),
        '--pnm-chip': withAlpha(fg, 0.08),
        '--pnm-button-bg': button,
        '--pnm-button-fg': pick(theme, 'buttonColor'),
        '--pnm-accent-soft': withAlpha(button, 0.12),
        '--pnm-online': online,
        '--pnm-online-soft': withAlpha(online, 0.16),
        '--pnm-error': pick(theme, 'errorTextColor'),
        '--pnm-link': pick(theme, 'linkColor'),
    } as CSSProperties;
}

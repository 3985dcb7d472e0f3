import {defaultTheme, parseColor, themeVariables, withAlpha} from './theme';

describe('theme', () => {
    it('parses the colour notations Mattermost themes use', () => {
        expect(parseColor('#fff')).toEqual([255, 255, 255]);
        expect(parseColor('#1c58d9')).toEqual([28, 88, 217]);
        expect(parseColor('#1c58d980')).toEqual([28, 88, 217]);
        expect(parseColor('rgba(10, 20, 30, 0.5)')).toEqual([10, 20, 30]);
        expect(parseColor('rgb(300, 0, 0)')).toBeNull();
        expect(parseColor('tomato')).toBeNull();
    });

    it('blends with alpha, falling back to color-mix for other notations', () => {
        expect(withAlpha('#3f4350', 0.16)).toBe('rgba(63, 67, 80, 0.16)');
        expect(withAlpha('tomato', 0.5)).toBe('color-mix(in srgb, tomato 50%, transparent)');
    });

    it('fills gaps from the default theme and ignores junk values', () => {
        const vars = themeVariables({centerChannelColor: '#e3e4e8', buttonBg: 12 as unknown as string, linkColor: ' '}) as Record<string, string>;
        expect(vars['--pnm-fg']).toBe('#e3e4e8');
        expect(vars['--pnm-button-bg']).toBe(defaultTheme.buttonBg);
        expect(vars['--pnm-link']).toBe(defaultTheme.linkColor);
        expect(vars['--pnm-fg-muted']).toBe('rgba(227, 228, 232, 0.72)');
        expect(themeVariables(undefined)).toMatchObject({'--pnm-bg': '#ffffff'});
    });
});

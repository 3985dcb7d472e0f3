import {isDesktopApp} from './desktop';

const fakeWindow = (userAgent: string, extra: object = {}) => ({navigator: {userAgent}, ...extra} as unknown as Window);

describe('isDesktopApp', () => {
    it('recognises the Desktop app by its user agent (mattermost/desktop src/main/utils.ts composeUserAgent)', () => {
        const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Electron/35.2.0 Safari/537.36 Mattermost/5.13.0';
        expect(isDesktopApp(fakeWindow(ua))).toBe(true);
    });

    it('recognises the preload\'s desktopAPI', () => {
        expect(isDesktopApp(fakeWindow('Mozilla/5.0 Chrome/134.0.0.0', {desktopAPI: {}}))).toBe(true);
    });

    it('is false in browsers, including other Electron apps', () => {
        expect(isDesktopApp(fakeWindow('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/134.0.0.0 Safari/537.36'))).toBe(false);
        expect(isDesktopApp(fakeWindow('Mozilla/5.0 Chrome/134.0.0.0 Electron/35.2.0 Safari/537.36'))).toBe(false);
        expect(isDesktopApp(window)).toBe(false);
    });
});

import {getCurrentTeamId, getSiteUrl} from './state';

describe('state readers', () => {
    it('prefers the configured SiteURL, without a trailing slash', () => {
        expect(getSiteUrl({entities: {general: {config: {SiteURL: 'https://chat.example.com/'}}}})).toBe('https://chat.example.com');
    });

    it('falls back to where the webapp is served from, including a sub-path', () => {
        expect(getSiteUrl({})).toBe(window.location.origin);
        window.basename = '/mattermost';
        try {
            expect(getSiteUrl({entities: {general: {config: {SiteURL: ''}}}})).toBe(`${window.location.origin}/mattermost`);
        } finally {
            delete window.basename;
        }
    });

    it('tolerates a state of any shape', () => {
        expect(getCurrentTeamId(null)).toBe('');
        expect(getCurrentTeamId({entities: {teams: {currentTeamId: 7}}})).toBe('');
        expect(getCurrentTeamId({entities: {teams: {currentTeamId: 'team1'}}})).toBe('team1');
    });
});

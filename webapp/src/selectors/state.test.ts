import {findUserIdByUsername, getApiBaseUrl, getCurrentTeamId} from './state';

describe('state readers', () => {
    it('calls the API where the webapp is served from, never at a configured SiteURL elsewhere', () => {
        expect(getApiBaseUrl()).toBe(window.location.origin);
    });

    it('keeps the sub-path Mattermost is served under, without a trailing slash', () => {
        window.basename = '/mattermost/';
        try {
            expect(getApiBaseUrl()).toBe(`${window.location.origin}/mattermost`);
        } finally {
            delete window.basename;
        }
    });

    it('finds a loaded user by username', () => {
        const state = {entities: {users: {profiles: {u1: {id: 'u1', username: 'alice'}, b1: {id: 'b1', username: 'plugnmeet'}}}}};
        expect(findUserIdByUsername(state, 'plugnmeet')).toBe('b1');
        expect(findUserIdByUsername(state, 'bob')).toBe('');
        expect(findUserIdByUsername(null, 'plugnmeet')).toBe('');
    });

    it('tolerates a state of any shape', () => {
        expect(getCurrentTeamId(null)).toBe('');
        expect(getCurrentTeamId({entities: {teams: {currentTeamId: 7}}})).toBe('');
        expect(getCurrentTeamId({entities: {teams: {currentTeamId: 'team1'}}})).toBe('team1');
    });
});

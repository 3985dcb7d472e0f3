import {findBotIdByUsername, getApiBaseUrl, getCurrentTeamId} from './state';

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
        const state = {entities: {users: {profiles: {u1: {id: 'u1', username: 'alice'}, b1: {id: 'b1', username: 'plugnmeet', is_bot: true}}}}};
        expect(findBotIdByUsername(state, 'plugnmeet')).toBe('b1');
        expect(findBotIdByUsername(state, 'bob')).toBe('');
        expect(findBotIdByUsername(null, 'plugnmeet')).toBe('');

        // A person who took the bot's name is not the bot (issue 21).
        expect(findBotIdByUsername({entities: {users: {profiles: {h1: {id: 'h1', username: 'plugnmeet', is_bot: false}}}}}, 'plugnmeet')).toBe('');
    });

    it('tolerates a state of any shape', () => {
        expect(getCurrentTeamId(null)).toBe('');
        expect(getCurrentTeamId({entities: {teams: {currentTeamId: 7}}})).toBe('');
        expect(getCurrentTeamId({entities: {teams: {currentTeamId: 'team1'}}})).toBe('team1');
    });
});

import {getCurrentTimeZone, mayCancelSchedule, userTimeZone} from './schedule';

// A profile as Mattermost keeps it (model/user.go Timezone: every value a string).
const stateWith = (me: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    entities: {users: {currentUserId: 'me', profiles: {me: {id: 'me', ...me}}}, ...extra},
});

describe('the current user\'s time zone', () => {
    it('is the automatic zone when automatic, else the manual one (mattermost-redux getUserCurrentTimezone)', () => {
        expect(userTimeZone({useAutomaticTimezone: 'true', automaticTimezone: 'Europe/Berlin', manualTimezone: 'Asia/Tokyo'})).toBe('Europe/Berlin');
        expect(userTimeZone({useAutomaticTimezone: 'false', automaticTimezone: 'Europe/Berlin', manualTimezone: 'America/New_York'})).toBe('America/New_York');
        expect(userTimeZone({useAutomaticTimezone: true, automaticTimezone: 'Europe/Paris'})).toBe('Europe/Paris');

        // An empty manual zone falls back to the automatic one, as the sidecar reads it.
        expect(userTimeZone({useAutomaticTimezone: 'false', automaticTimezone: 'Europe/Berlin', manualTimezone: ''})).toBe('Europe/Berlin');
        expect(userTimeZone(undefined)).toBe('');
    });

    it('comes from the profile in the state, else from the browser', () => {
        const browser = new Intl.DateTimeFormat().resolvedOptions().timeZone;
        expect(getCurrentTimeZone(stateWith({timezone: {useAutomaticTimezone: 'false', manualTimezone: 'America/New_York', automaticTimezone: ''}}))).toBe('America/New_York');
        expect(getCurrentTimeZone(stateWith({timezone: {useAutomaticTimezone: 'true', automaticTimezone: ''}}))).toBe(browser);
        expect(getCurrentTimeZone(stateWith({timezone: {useAutomaticTimezone: 'false', manualTimezone: 'Not/AZone'}}))).toBe(browser);
        expect(getCurrentTimeZone(undefined)).toBe(browser);
    });
});

describe('who is offered Cancel', () => {
    const where = {creatorId: 'u-planner', channelId: 'c1', teamId: 't1'};

    it('the planner and admins: system, the team\'s, the channel\'s', () => {
        expect(mayCancelSchedule(stateWith({roles: 'system_user'}), {...where, creatorId: 'me'})).toBe(true);
        expect(mayCancelSchedule(stateWith({roles: 'system_user system_admin'}), where)).toBe(true);
        expect(mayCancelSchedule(stateWith({roles: 'system_user'}, {teams: {myMembers: {t1: {roles: 'team_user team_admin'}}}}), where)).toBe(true);
        expect(mayCancelSchedule(stateWith({roles: 'system_user'}, {channels: {myMembers: {c1: {roles: 'channel_user channel_admin'}}}}), where)).toBe(true);
    });

    it('nobody else, and nobody when the state says nothing', () => {
        expect(mayCancelSchedule(stateWith({roles: 'system_user'}), where)).toBe(false);
        expect(mayCancelSchedule(stateWith({roles: 'system_user'}, {channels: {myMembers: {c2: {roles: 'channel_admin'}}}}), where)).toBe(false);
        expect(mayCancelSchedule({}, {...where, creatorId: ''})).toBe(false);
    });
});

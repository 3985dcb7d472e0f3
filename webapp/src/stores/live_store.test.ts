import {createLiveStore} from './live_store';

describe('live store', () => {
    it('knows the channels with a live meeting from the websocket and from the panel\'s sheet of a team', () => {
        const live = createLiveStore();
        const listener = jest.fn();
        live.subscribe(listener);
        live.markLive('r1', 'chan1', 'team1');
        live.markLive('r1', 'chan1', 'team1');
        live.markLive('r2', 'dm1', '');
        expect(listener).toHaveBeenCalledTimes(2);
        expect([live.isLive('chan1'), live.isLive('dm1'), live.isLive('chan2')]).toEqual([true, true, false]);

        // The team's sheet is the truth for that team: r1 is over, r3 is live; the DM is left alone.
        const version = live.version();
        live.setTeamSheet('team1', [{room_id: 'r3', channel_id: 'chan2'}]);
        expect(live.version()).toBe(version + 1);
        expect([live.isLive('chan1'), live.isLive('dm1'), live.isLive('chan2')]).toEqual([false, true, true]);
        live.setTeamSheet('team1', [{room_id: 'r3', channel_id: 'chan2'}]);
        expect(live.version()).toBe(version + 1);

        live.markEnded('r2');
        live.markEnded('r2');
        expect(live.isLive('dm1')).toBe(false);
        live.clear();
        expect(live.isLive('chan2')).toBe(false);
    });
});

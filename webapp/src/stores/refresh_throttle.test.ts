import {claimRefresh, REFRESH_EVERY_MS} from './refresh_throttle';

describe('claimRefresh', () => {
    beforeEach(() => window.localStorage.clear());

    it('allows a post once per minute, posts independently', () => {
        expect(claimRefresh('a', 1000)).toBe(true);
        expect(claimRefresh('a', 2000)).toBe(false);
        expect(claimRefresh('b', 2000)).toBe(true);
        expect(claimRefresh('a', 1000 + REFRESH_EVERY_MS)).toBe(true);
    });

    it('is shared through localStorage and forgets expired entries', () => {
        claimRefresh('a', 1000);
        expect(JSON.parse(window.localStorage.getItem('plugnmeet.card_refreshes') ?? '{}')).toEqual({a: 1000});
        claimRefresh('b', 1000 + REFRESH_EVERY_MS);
        expect(JSON.parse(window.localStorage.getItem('plugnmeet.card_refreshes') ?? '{}')).toEqual({b: 1000 + REFRESH_EVERY_MS});
    });

    it('survives garbage in storage and storage that throws', () => {
        window.localStorage.setItem('plugnmeet.card_refreshes', 'not json');
        expect(claimRefresh('a', 1000)).toBe(true);
        const spy = jest.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
            throw new Error('denied');
        });
        const setSpy = jest.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
            throw new Error('denied');
        });
        expect(claimRefresh('a', 2000)).toBe(false);
        expect(claimRefresh('c', 2000)).toBe(true);
        spy.mockRestore();
        setSpy.mockRestore();
    });
});

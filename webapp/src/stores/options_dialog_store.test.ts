import {createOptionsDialogStore} from './options_dialog_store';

const target = {channel_id: 'c1', team_id: 't1', root_id: ''};

describe('the options dialog store', () => {
    it('opens afresh each time, closes, and forgets its listeners when cleared', () => {
        const store = createOptionsDialogStore();
        const listener = jest.fn();
        store.subscribe(listener);
        expect(store.getSnapshot()).toBeNull();
        store.open(target, 'Retro');
        const first = store.getSnapshot();
        expect(first).toEqual({key: expect.any(Number), target, topic: 'Retro', mode: 'start'});
        store.open(target, '', 'schedule');
        expect(store.getSnapshot()?.key).not.toBe(first?.key);
        expect(store.getSnapshot()?.mode).toBe('schedule');
        store.close();
        store.close();
        expect(store.getSnapshot()).toBeNull();
        expect(listener).toHaveBeenCalledTimes(3);
        store.clear();
        store.open(target);
        expect(listener).toHaveBeenCalledTimes(4);
    });
});

import type {Channel} from '@mattermost/types/channels';

import {createOpenOptions} from './open_options';

import {createNoticeStore} from '../stores/notice_store';
import {createOptionsDialogStore} from '../stores/options_dialog_store';

describe('open options (call-button menu, App Bar)', () => {
    function setup(state: object) {
        const notices = createNoticeStore();
        const dialog = createOptionsDialogStore();
        return {notices, dialog, open: createOpenOptions({getState: () => state, notices, dialog})};
    }

    it('opens the dialog for the channel, its team and the thread open beside it', () => {
        const state = {
            entities: {teams: {currentTeamId: 'tm'}, posts: {posts: {p1: {id: 'p1', channel_id: 'c1', root_id: ''}}}},
            views: {rhs: {selectedPostId: 'p1'}},
        };
        const {dialog, open} = setup(state);
        open({id: 'c1', team_id: ''} as Channel);
        expect(dialog.getSnapshot()).toMatchObject({target: {channel_id: 'c1', team_id: 'tm', root_id: 'p1'}, topic: ''});
    });

    it('opens it in Schedule mode for "Schedule a meeting…"', () => {
        const notices = createNoticeStore();
        const dialog = createOptionsDialogStore();
        createOpenOptions({getState: () => ({entities: {teams: {currentTeamId: 'tm'}}}), notices, dialog, mode: 'schedule'})({id: 'c1', team_id: 't1'} as Channel);
        expect(dialog.getSnapshot()).toMatchObject({target: {channel_id: 'c1', team_id: 't1', root_id: ''}, topic: '', mode: 'schedule'});
    });

    it('says so when there is no channel, without opening anything', () => {
        const {notices, dialog, open} = setup({});
        open(undefined);
        expect(dialog.getSnapshot()).toBeNull();
        expect(notices.getSnapshot()[0].problem?.id).toBe('plugnmeet.error.no_channel');
    });
});

import {createSlashCommandHook, planOptionsDialog, planScheduleDialog, planTypedCommand} from './slash_command_hook';

import {deferred, fakeClient, fakeWindow} from '../../tests/test_utils';
import {createNoticeStore} from '../stores/notice_store';

const ROOT = 'abcdefghijklmnopqrstuvwxyz';

describe('planTypedCommand', () => {
    it.each([
        ['/plugnmeet', '', '/plugnmeet start'],
        ['/plugnmeet', ROOT, `/plugnmeet start --root ${ROOT}`],
        ['  /PlugNmeet   Start  Weekly sync ', ROOT, `/plugnmeet start --root ${ROOT} Weekly sync`],
        ['/plugnmeet start', '', '/plugnmeet start'],
        ['/plugnmeet join', ROOT, '/plugnmeet join'],
        ['/plugnmeet join room-1', '', '/plugnmeet join room-1'],

        // Every typed start: a topic without `start`, leading flags, both (the contracts' grammar).
        ['/plugnmeet Sprint review', ROOT, `/plugnmeet start --root ${ROOT} Sprint review`],
        ['/plugnmeet Demo', '', '/plugnmeet start Demo'],
        ['/plugnmeet --waiting-room --duration 30 Sprint review', '', '/plugnmeet start --waiting-room --duration 30 Sprint review'],
        ['/plugnmeet --welcome "Hi all" --mute', ROOT, `/plugnmeet start --root ${ROOT} --welcome "Hi all" --mute`],
        ['/plugnmeet \u2014lock-chat Retro', '', '/plugnmeet start \u2014lock-chat Retro'],
        ['/plugnmeet start lsit', '', '/plugnmeet start lsit'],
        ['/plugnmeet start -- -w Test', '', '/plugnmeet start -- -w Test'],
        ['/plugnmeet lsit all items', '', '/plugnmeet start lsit all items'],
    ])('%p in thread %p runs %p', (message, root, command) => {
        expect(planTypedCommand(message, root)?.command).toBe(command);
    });

    it.each([
        ['/plugnmeet help'],
        ['/plugnmeet end'],
        ['/plugnmeet recordings'],
        ['/plugnmeet start --root x topic'],
        ['/plugnmeet --root abcdefghijklmnopqrstuvwxyz topic'],
        ['/plugnmeetx'],
        ['/plugnmeet list'],
        ['/plugnmeet LIST'],
        ['/plugnmeet options'],
        ['/plugnmeet schedule tomorrow 10:00 Demo'],
        ['/plugnmeet decline room-1'],

        // What the sidecar answers with "did you mean" instead of starting a meeting.
        ['/plugnmeet lsit'],
        ['/plugnmeet stop'],
        ['/plugnmeet recording'],
        ['/plugnmeet jion'],
        ['/plugnmeet -w Test'],
        ['/plugnmeet --mute -w Test'],
        ['/plugnmeet start -w Test'],

        // Flags the sidecar refuses with a reason.
        ['/plugnmeet --wating-room Demo'],
        ['/plugnmeet --duration soon Demo'],
        ['/call start'],
        ['hello'],
    ])('leaves %p to Mattermost', (message) => {
        expect(planTypedCommand(message, ROOT)).toBeNull();
    });

    it('never puts a malformed root id into the command', () => {
        expect(planTypedCommand('/plugnmeet', 'x y; --z')?.command).toBe('/plugnmeet start');
    });
});

describe('planOptionsDialog', () => {
    it.each([
        ['/plugnmeet options', ''],
        ['  /PlugNmeet  OPTIONS ', ''],
        ['/plugnmeet options Sprint   review', 'Sprint review'],
    ])('%p opens the dialog with the topic %p', (message, topic) => {
        expect(planOptionsDialog(message)).toEqual({topic});
    });

    it.each([['/plugnmeet optionsx'], ['/plugnmeet start options'], ['/plugnmeet'], ['/options']])('leaves %p alone', (message) => {
        expect(planOptionsDialog(message)).toBeNull();
    });
});

describe('planScheduleDialog', () => {
    it.each([['/plugnmeet schedule'], ['  /PlugNmeet   SCHEDULE  ']])('%p opens the dialog in Schedule mode', (message) => {
        expect(planScheduleDialog(message)).toBe(true);
    });

    it.each([['/plugnmeet schedule tomorrow 10:00 Retro'], ['/plugnmeet schedule in 30m'], ['/plugnmeet schedulex'], ['/plugnmeet list']])('leaves %p to the sidecar', (message) => {
        expect(planScheduleDialog(message)).toBe(false);
    });
});

describe('the slash command hook', () => {
    function setup() {
        const client = fakeClient();
        const notices = createNoticeStore();
        const win = fakeWindow();
        const openWindow = jest.fn(() => win as unknown as Window);
        const openOptions = jest.fn();
        const hook = createSlashCommandHook({client, notices, getState: () => ({entities: {teams: {currentTeamId: 'teamNow'}}}), openWindow, desktop: false, openOptions});
        return {client, notices, win, openWindow, openOptions, hook};
    }

    it('opens the options dialog for a typed /plugnmeet options, in the thread, and sends nothing', () => {
        const {client, openWindow, openOptions, hook} = setup();
        expect(hook('/plugnmeet options Retro', {channel_id: 'c1', team_id: '', root_id: ROOT})).toEqual({});
        expect(openOptions).toHaveBeenCalledWith({channel_id: 'c1', team_id: 'teamNow', root_id: ROOT}, 'Retro');
        expect(client.executeCommand).not.toHaveBeenCalled();
        expect(openWindow).not.toHaveBeenCalled();

        // A root id that could not go into a command is left out.
        hook('/plugnmeet options', {channel_id: 'c1', team_id: 't1', root_id: 'x y; --z'});
        expect(openOptions).toHaveBeenLastCalledWith({channel_id: 'c1', team_id: 't1', root_id: ''}, '');
    });

    it('opens the dialog in Schedule mode for a bare /plugnmeet schedule, and passes one with a time on unchanged', () => {
        const {client, openWindow, openOptions, hook} = setup();
        expect(hook('/plugnmeet schedule', {channel_id: 'c1', team_id: '', root_id: ROOT})).toEqual({});
        expect(openOptions).toHaveBeenCalledWith({channel_id: 'c1', team_id: 'teamNow', root_id: ROOT}, '', 'schedule');
        const args = {channel_id: 'c1', team_id: 't1', root_id: ''};
        expect(hook('/plugnmeet schedule tomorrow 10:00 --every week -- Retro', args)).toEqual({message: '/plugnmeet schedule tomorrow 10:00 --every week -- Retro', args});
        expect(openOptions).toHaveBeenCalledTimes(1);
        expect(client.executeCommand).not.toHaveBeenCalled();
        expect(openWindow).not.toHaveBeenCalled();
    });

    it('lets /plugnmeet options through when it has no dialog to open', () => {
        const hook = createSlashCommandHook({client: fakeClient(), notices: createNoticeStore(), getState: () => ({})});
        const args = {channel_id: 'c1', team_id: 't1', root_id: ''};
        expect(hook('/plugnmeet options', args)).toEqual({message: '/plugnmeet options', args});
    });

    it('opens the window inside the keypress, runs the command itself and swallows the original', async () => {
        const {client, win, openWindow, hook} = setup();
        const answer = deferred<object>();
        client.executeCommand.mockReturnValueOnce(answer.promise);
        const result = hook('/plugnmeet start Retro', {channel_id: 'c1', team_id: 't1', root_id: ROOT});
        expect(result).toEqual({});
        expect(openWindow).toHaveBeenCalledTimes(1);
        expect(client.executeCommand).toHaveBeenCalledWith(`/plugnmeet start --root ${ROOT} Retro`, {channel_id: 'c1', team_id: 't1', root_id: ROOT});
        answer.resolve({text: 'Started.', goto_location: 'https://meet.example.com/s'});
        await answer.promise;
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(win.location.href).toBe('https://meet.example.com/s');
    });

    it('uses the current team in DMs', () => {
        const {client, hook} = setup();
        hook('/plugnmeet join', {channel_id: 'dm1', team_id: '', root_id: ''});
        expect(client.executeCommand.mock.calls[0][1]).toEqual({channel_id: 'dm1', team_id: 'teamNow', root_id: ''});
    });

    it('passes other commands on unchanged', () => {
        const {client, openWindow, hook} = setup();
        const args = {channel_id: 'c1', team_id: 't1', root_id: ''};
        expect(hook('/plugnmeet recordings', args)).toEqual({message: '/plugnmeet recordings', args});
        expect(hook('/away', args)).toEqual({message: '/away', args});
        expect(client.executeCommand).not.toHaveBeenCalled();
        expect(openWindow).not.toHaveBeenCalled();
    });

    it('reports a failure as a notice', async () => {
        const {client, notices, hook} = setup();
        client.executeCommand.mockRejectedValueOnce(new Error('boom'));
        hook('/plugnmeet join', {channel_id: 'c1', team_id: 't1', root_id: ''});
        await new Promise((resolve) => setTimeout(resolve, 0));
        expect(notices.getSnapshot()).toEqual([expect.objectContaining({tone: 'error', title: 'plugnmeet.notice.join_failed'})]);
    });
});

import {NO_OPTIONS} from '@plugnmeet/contracts';
import type {OptionsSheet} from '@plugnmeet/contracts';
import {act, fireEvent, screen, waitFor} from '@testing-library/react';
import React from 'react';

import OptionsDialog from './options_dialog';

import {deferred, fakeClient, renderWithIntl} from '../../../tests/test_utils';
import {ClientError} from '../../client/client';
import {createOptionsDialogStore} from '../../stores/options_dialog_store';

const target = {channel_id: 'c1', team_id: 't1', root_id: ''};
const sheetOf = (extra: Partial<OptionsSheet> = {}): OptionsSheet => ({defaults: {...NO_OPTIONS}, fixed: [], maxDuration: 0, ...extra});

function setup(answer: Promise<object> | object = {text: '', props: {plugnmeet_options: sheetOf()}}, {locale = 'en', topic = ''} = {}) {
    const client = fakeClient();
    client.executeCommand.mockReturnValue(answer instanceof Promise ? answer : Promise.resolve(answer));
    const store = createOptionsDialogStore();
    const startIn = jest.fn();
    const opener = document.createElement('button');
    document.body.appendChild(opener);
    opener.focus();
    renderWithIntl(
        <OptionsDialog
            store={store}
            client={client}
            startIn={startIn}
        />,
        {locale},
    );
    act(() => store.open(target, topic));
    return {client, store, startIn, opener};
}

const sheetAnswer = (sheet: OptionsSheet) => ({text: '', props: {plugnmeet_options: sheet}});

describe('OptionsDialog', () => {
    afterEach(() => {
        document.body.innerHTML = '';
    });

    it('renders nothing until opened', () => {
        const store = createOptionsDialogStore();
        const {container} = renderWithIntl(
            <OptionsDialog
                store={store}
                client={fakeClient()}
                startIn={jest.fn()}
            />,
        );
        expect(container).toBeEmptyDOMElement();
    });

    it('shows that it is loading, then the form with the admin\'s defaults, the topic focused', async () => {
        const answer = deferred<object>();
        const {client} = setup(answer.promise, {topic: 'Retro'});
        const dialog = screen.getByRole('dialog', {name: 'Start a plugNmeet meeting'});
        expect(dialog).toHaveAttribute('aria-modal', 'true');
        expect(screen.getByRole('status')).toHaveTextContent('Loading the meeting options…');
        expect(client.executeCommand).toHaveBeenCalledWith('/plugnmeet options --quiet', target);

        await act(async () => answer.resolve(sheetAnswer(sheetOf({defaults: {...NO_OPTIONS, waitingRoom: true, duration: 30, welcome: 'Hello'}}))));
        const topic = screen.getByLabelText('Topic (optional)');
        expect(topic).toHaveValue('Retro');
        expect(topic).toHaveFocus();
        expect(screen.getByRole('switch', {name: 'Waiting room'})).toBeChecked();
        expect(screen.getByRole('switch', {name: 'Waiting room'})).toHaveAccessibleDescription('A moderator lets each person in.');
        expect(screen.getByRole('switch', {name: 'Record automatically'})).not.toBeChecked();
        expect(screen.getByLabelText('Time limit (minutes)')).toHaveValue('30');
        expect(screen.getByLabelText('Welcome message')).toHaveValue('Hello');
        expect(screen.getByRole('group', {name: 'Lock for attendees'})).toContainElement(screen.getByRole('switch', {name: 'Chat'}));
    });

    it('shows fixed options with their value, disabled, set by the admin', async () => {
        setup(sheetAnswer(sheetOf({defaults: {...NO_OPTIONS, record: true, duration: 60}, fixed: ['record', 'duration']})));
        const record = await screen.findByRole('switch', {name: 'Record automatically'});
        expect(record).toBeChecked();
        expect(record).toBeDisabled();
        expect(record).toHaveAccessibleDescription('Set by your admin');
        expect(screen.getByLabelText('Time limit (minutes)')).toBeDisabled();
        expect(screen.getByLabelText('Time limit (minutes)')).toHaveValue('60');
        expect(screen.getByRole('switch', {name: 'Waiting room'})).toBeEnabled();
    });

    it('says why a lock is on: fixed by the admin in every meeting, or the admin\'s default the starter may turn off', async () => {
        setup(sheetAnswer(sheetOf({defaults: {...NO_OPTIONS, lockScreen: true, lockChat: true, lockMics: false}, fixed: ['lockScreen']})));
        const screenSharing = await screen.findByRole('switch', {name: 'Screen sharing'});
        expect(screenSharing).toBeChecked();
        expect(screenSharing).toBeDisabled();
        expect(screenSharing).toHaveAccessibleDescription('Your admin locks this for attendees in every meeting. Moderators are not locked.');

        const chat = screen.getByRole('switch', {name: 'Chat'});
        expect(chat).toBeEnabled();
        expect(chat).toHaveAccessibleDescription('Locked for attendees by your admin\'s default. Turn it off to let them use it.');
        fireEvent.click(chat);
        expect(chat).not.toBeChecked();
        expect(chat).toHaveAccessibleDescription('');

        // A lock nobody set, and a switch the admin fixed off, say only what they are.
        expect(screen.getByRole('switch', {name: 'Microphones'})).toHaveAccessibleDescription('');
    });

    it('starts with the flags that differ from the defaults and the topic, then closes', async () => {
        const {startIn} = setup();
        fireEvent.change(await screen.findByLabelText('Topic (optional)'), {target: {value: 'Sprint review'}});
        fireEvent.click(screen.getByRole('switch', {name: 'Waiting room'}));
        fireEvent.change(screen.getByLabelText('Time limit (minutes)'), {target: {value: '45'}});
        fireEvent.click(screen.getByRole('button', {name: 'Start meeting'}));
        expect(startIn).toHaveBeenCalledWith(target, '--waiting-room --duration 45 -- Sprint review');
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });

    it('keeps a duration above the admin\'s limit from being sent', async () => {
        const {startIn} = setup(sheetAnswer(sheetOf({maxDuration: 60})));
        const duration = await screen.findByLabelText('Time limit (minutes)');
        expect(duration).toHaveValue('60');
        expect(duration).toHaveAccessibleDescription('At most 60 minutes.');
        fireEvent.change(duration, {target: {value: '90'}});
        expect(duration).toHaveAttribute('aria-invalid', 'true');
        expect(duration).toHaveAccessibleDescription('Enter a whole number of minutes from 1 to 60.');
        fireEvent.click(screen.getByRole('button', {name: 'Start meeting'}));
        expect(startIn).not.toHaveBeenCalled();
        expect(duration).toHaveFocus();
    });

    it('shows a refusal instead of the form, with Close', async () => {
        const {startIn} = setup(sheetAnswer(sheetOf({refusal: 'Only moderators may start meetings here.'})));
        expect(await screen.findByRole('alert')).toHaveTextContent('Only moderators may start meetings here.');
        expect(screen.queryByLabelText('Topic (optional)')).not.toBeInTheDocument();
        const close = screen.getAllByRole('button', {name: 'Close'}).find((button) => button.textContent === 'Close')!;
        expect(close).toHaveFocus();
        fireEvent.click(close);
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
        expect(startIn).not.toHaveBeenCalled();
    });

    it('shows why the options could not be loaded (a read-only channel refuses commands)', async () => {
        setup(Promise.reject(new ClientError('no', 403, 'api.context.permissions.app_error')));
        const alert = await screen.findByRole('alert');
        expect(alert).toHaveTextContent('Could not load the meeting options');
        expect(alert).toHaveTextContent('You do not have permission to do this in this channel.');
    });

    it('closes on Cancel, Escape and the backdrop, sending nothing, and gives focus back', async () => {
        const {client, startIn, opener, store} = setup();
        fireEvent.click(await screen.findByRole('button', {name: 'Cancel'}));
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
        expect(opener).toHaveFocus();

        act(() => store.open(target));
        fireEvent.keyDown(await screen.findByLabelText('Topic (optional)'), {key: 'Escape'});
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument();

        act(() => store.open(target));
        await screen.findByLabelText('Topic (optional)');
        fireEvent.mouseDown(screen.getByTestId('plugnmeet-options-dialog'));
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
        expect(startIn).not.toHaveBeenCalled();
        expect(client.executeCommand.mock.calls.map(([command]) => command)).toEqual(['/plugnmeet options --quiet', '/plugnmeet options --quiet', '/plugnmeet options --quiet']);
    });

    it('keeps Tab inside the dialog', async () => {
        setup();
        await screen.findByLabelText('Topic (optional)');
        const start = screen.getByRole('button', {name: 'Start meeting'});
        const close = screen.getByRole('button', {name: 'Close'});
        start.focus();
        fireEvent.keyDown(start, {key: 'Tab'});
        expect(close).toHaveFocus();
        fireEvent.keyDown(close, {key: 'Tab', shiftKey: true});
        expect(start).toHaveFocus();
    });

    it('speaks the user\'s language', async () => {
        setup(undefined, {locale: 'de'});
        expect(await screen.findByRole('switch', {name: 'Warteraum'})).toBeInTheDocument();
        await waitFor(() => expect(screen.getByRole('button', {name: 'Besprechung starten'})).toBeInTheDocument());
    });
});

describe('OptionsDialog in Schedule mode', () => {
    const NOW = Date.UTC(2026, 10, 22, 11, 0); // 12:00 in Berlin
    const berlin = {entities: {users: {currentUserId: 'me', profiles: {me: {id: 'me', timezone: {useAutomaticTimezone: 'true', automaticTimezone: 'Europe/Berlin', manualTimezone: ''}}}}}};

    afterEach(() => {
        document.body.innerHTML = '';
    });

    function open({mode = 'schedule' as 'start' | 'schedule', locale = 'en', rootId = ''} = {}) {
        const client = fakeClient();
        client.executeCommand.mockImplementation(async (command: string) => (command === '/plugnmeet options --quiet' ? sheetAnswer(sheetOf()) : {text: 'Scheduled.'}));
        const store = createOptionsDialogStore();
        const startIn = jest.fn();
        renderWithIntl(
            <OptionsDialog
                store={store}
                client={client}
                startIn={startIn}
                now={() => NOW}
            />,
            {locale, state: berlin},
        );
        act(() => store.open({...target, root_id: rootId}, 'Weekly sync', mode));
        return {client, store, startIn};
    }

    it('opens on the next full hour in the user\'s Mattermost zone, and names the zone', async () => {
        open();
        expect(screen.getByRole('dialog', {name: 'Schedule a plugNmeet meeting'})).toBeInTheDocument();
        expect(await screen.findByLabelText('Date')).toHaveValue('2026-11-22');
        expect(screen.getByLabelText('Time')).toHaveValue('13:00');
        expect(screen.getByLabelText('Date')).toHaveAttribute('min', '2026-11-22');
        expect(screen.getByLabelText('Date')).toHaveAccessibleDescription('In your Mattermost time zone: Central European Standard Time (Europe/Berlin)');
        expect(screen.getByRole('radio', {name: 'Schedule'})).toBeChecked();
        expect(screen.getByLabelText('Repeats')).toHaveValue('');
    });

    it('sends /plugnmeet schedule with the time, the repeat, the changed options and the topic, then closes', async () => {
        const {client, startIn} = open({rootId: 'abcdefghijklmnopqrstuvwxyz'});
        fireEvent.change(await screen.findByLabelText('Date'), {target: {value: '2026-12-03'}});
        fireEvent.change(screen.getByLabelText('Time'), {target: {value: '15:00'}});
        fireEvent.change(screen.getByLabelText('Repeats'), {target: {value: 'week'}});
        fireEvent.click(screen.getByRole('switch', {name: 'Waiting room'}));
        const submit = screen.getByRole('button', {name: 'Schedule meeting'});
        fireEvent.click(submit);
        expect(client.executeCommand).toHaveBeenLastCalledWith(
            '/plugnmeet schedule 2026-12-03 15:00 --root abcdefghijklmnopqrstuvwxyz --every week --waiting-room -- Weekly sync',
            {...target, root_id: 'abcdefghijklmnopqrstuvwxyz'},
        );
        expect(submit).toHaveTextContent('Scheduling…');
        expect(submit).toBeDisabled();
        await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
        expect(startIn).not.toHaveBeenCalled();
    });

    it('refuses a past time, and a time the clocks skip, before sending anything', async () => {
        const {client} = open();
        const date = await screen.findByLabelText('Date');
        fireEvent.change(date, {target: {value: '2026-11-22'}});
        fireEvent.change(screen.getByLabelText('Time'), {target: {value: '11:30'}});
        expect(screen.getByRole('alert')).toHaveTextContent('That time has already passed. Choose a later one.');
        expect(date).toHaveAttribute('aria-invalid', 'true');
        fireEvent.click(screen.getByRole('button', {name: 'Schedule meeting'}));
        expect(date).toHaveFocus();

        fireEvent.change(date, {target: {value: '2027-03-28'}});
        fireEvent.change(screen.getByLabelText('Time'), {target: {value: '02:30'}});
        expect(screen.getByRole('alert')).toHaveTextContent('That time does not exist on this day: the clocks go forward.');
        fireEvent.click(screen.getByRole('button', {name: 'Schedule meeting'}));
        expect(screen.getByLabelText('Time')).toHaveFocus();

        fireEvent.change(screen.getByLabelText('Time'), {target: {value: ''}});
        fireEvent.click(screen.getByRole('button', {name: 'Schedule meeting'}));
        expect(screen.getByRole('alert')).toHaveTextContent('Enter a date and a time.');
        expect(client.executeCommand.mock.calls.map(([command]) => command)).toEqual(['/plugnmeet options --quiet']);
    });

    it('keeps the form and says why when Mattermost refuses the command', async () => {
        const {client} = open();
        await screen.findByLabelText('Date');
        client.executeCommand.mockRejectedValueOnce(new ClientError('no', 403, 'api.context.permissions.app_error'));
        fireEvent.click(screen.getByRole('button', {name: 'Schedule meeting'}));
        expect(await screen.findByRole('alert')).toHaveTextContent('Could not schedule the meeting. You do not have permission to do this in this channel.');
        expect(screen.getByRole('button', {name: 'Schedule meeting'})).toBeEnabled();
        expect(screen.getByLabelText('Topic (optional)')).toHaveValue('Weekly sync');
    });

    it('switches between Start now and Schedule, and starts as before in Start now', async () => {
        const {client, startIn} = open({mode: 'start'});
        expect(await screen.findByRole('radio', {name: 'Start now'})).toBeChecked();
        expect(screen.queryByLabelText('Date')).not.toBeInTheDocument();
        fireEvent.click(screen.getByRole('radio', {name: 'Schedule'}));
        expect(screen.getByRole('dialog', {name: 'Schedule a plugNmeet meeting'})).toBeInTheDocument();
        expect(screen.getByLabelText('Date')).toBeInTheDocument();
        fireEvent.click(screen.getByRole('radio', {name: 'Start now'}));
        expect(screen.getByRole('dialog', {name: 'Start a plugNmeet meeting'})).toBeInTheDocument();
        fireEvent.click(screen.getByRole('button', {name: 'Start meeting'}));
        expect(startIn).toHaveBeenCalledWith(target, '-- Weekly sync');
        expect(client.executeCommand.mock.calls.map(([command]) => command)).toEqual(['/plugnmeet options --quiet']);
    });

    it('speaks the user\'s language', async () => {
        open({locale: 'fr'});
        expect(await screen.findByRole('dialog', {name: 'Planifier une réunion plugNmeet'})).toBeInTheDocument();
        expect(await screen.findByLabelText('Heure')).toHaveValue('13:00');
        expect(screen.getByRole('button', {name: 'Planifier la réunion'})).toBeInTheDocument();
    });
});

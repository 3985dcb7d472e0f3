import {act, fireEvent, screen} from '@testing-library/react';
import React from 'react';

import IncomingCallNotice from './incoming_call';

import {renderWithIntl} from '../../../tests/test_utils';
import {createLifecycle} from '../../stores/lifecycle';
import {createRingingStore} from '../../stores/ringing_store';
import type {IncomingCall} from '../../stores/ringing_store';

const call: IncomingCall = {roomId: 'room-1', channelId: 'dm1', rootId: 'card1', postId: 'card1', callerName: 'Alice Liddell', topic: 'Quick sync', group: false, hasJoinAction: true};

function setup(locale = 'en') {
    const ringer = {start: jest.fn(), stop: jest.fn(), isRinging: jest.fn()};
    const store = createRingingStore({ringer, lifecycle: createLifecycle(), win: {BroadcastChannel: class {
        postMessage() {
            return undefined;
        }
        close() {
            return undefined;
        }
    }} as unknown as Window});
    const answer = {join: jest.fn(), decline: jest.fn()};
    renderWithIntl(
        <IncomingCallNotice
            store={store}
            answer={answer}
        />,
        {locale},
    );
    return {store, answer};
}

describe('IncomingCallNotice', () => {
    it('shows nothing until a call rings, then who calls, the topic, Decline and Join', () => {
        const {store, answer} = setup();
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
        act(() => store.ring(call));
        const dialog = screen.getByRole('dialog', {name: 'Incoming call'});
        expect(dialog).toHaveTextContent('Alice Liddell is calling you');
        expect(dialog).toHaveTextContent('Quick sync');

        fireEvent.click(screen.getByRole('button', {name: 'Join'}));
        expect(answer.join).toHaveBeenCalledWith(call);
        fireEvent.click(screen.getByRole('button', {name: 'Decline'}));
        expect(answer.decline).toHaveBeenCalledWith(call);

        act(() => store.stop('ended'));
        expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    });

    it('names a group call, and someone when the card names nobody, in the user\'s language', () => {
        const {store} = setup('de');
        act(() => store.ring({...call, group: true, callerName: '', topic: ''}));
        const dialog = screen.getByRole('dialog', {name: 'Eingehender Anruf'});
        expect(dialog).toHaveTextContent('Jemand ruft die Gruppe an');
        expect(screen.getByRole('button', {name: 'Ablehnen'})).toBeInTheDocument();
    });
});

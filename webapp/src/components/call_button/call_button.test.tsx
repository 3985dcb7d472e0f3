import {act, fireEvent, screen} from '@testing-library/react';
import React from 'react';

import {CallButton, CallDropdownItem, createCallChoice} from './call_button';

import {renderWithIntl} from '../../../tests/test_utils';

const channel = {id: 'chan1', team_id: 'team1'} as never;
const member = {channel_id: 'chan1', user_id: 'me'} as never;

function setUp() {
    const run = {start: jest.fn(), options: jest.fn(), schedule: jest.fn()};
    const choice = createCallChoice(run);
    return {run, choice};
}

// Mattermost's call_button.tsx with one provider: a div whose click and touchend run the action.
function AsOnlyProvider({choice}: {choice: ReturnType<typeof createCallChoice>}) {
    const run = () => choice.action(channel, member);
    return (
        <div
            data-testid='wrapper'
            onClick={run}
            onTouchEnd={run}
        >
            <CallButton choice={choice}/>
        </div>
    );
}

describe('the call button', () => {
    it('starts in one click on the camera', () => {
        const {run, choice} = setUp();
        renderWithIntl(<AsOnlyProvider choice={choice}/>);
        fireEvent.click(screen.getByTestId('plugnmeet-call-button'));
        expect(run.start).toHaveBeenCalledWith(channel, member);
        expect(run.options).not.toHaveBeenCalled();
    });

    it('opens its menu from the arrow without starting, and runs the chosen entry with Mattermost\'s channel', () => {
        const {run, choice} = setUp();
        renderWithIntl(<AsOnlyProvider choice={choice}/>);
        const more = screen.getByRole('button', {name: 'Options and scheduling'});
        fireEvent.touchEnd(more);
        fireEvent.click(more);
        expect(more).toHaveAttribute('aria-expanded', 'true');
        expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Start with options…', 'Schedule a meeting…']);
        expect(run.start).not.toHaveBeenCalled();

        const schedule = screen.getByRole('menuitem', {name: 'Schedule a meeting…'});
        fireEvent.touchEnd(schedule);
        expect(run.start).not.toHaveBeenCalled();
        fireEvent.click(schedule);
        expect(run.schedule).toHaveBeenCalledWith(channel, member);
        expect(run.start).not.toHaveBeenCalled();
        expect(screen.queryByRole('menu')).toBeNull();

        // The next click on the camera starts again: the choice was for one click only.
        fireEvent.click(screen.getByTestId('plugnmeet-call-button'));
        expect(run.start).toHaveBeenCalledTimes(1);
    });

    it('closes its menu on Escape and on a click elsewhere', () => {
        const {choice} = setUp();
        renderWithIntl(
            <>
                <AsOnlyProvider choice={choice}/>
                <p>{'elsewhere'}</p>
            </>,
        );
        const more = screen.getByRole('button', {name: 'Options and scheduling'});
        fireEvent.click(more);
        fireEvent.keyDown(document, {key: 'Escape'});
        expect(screen.queryByRole('menu')).toBeNull();
        expect(document.activeElement).toBe(more);
        fireEvent.click(more);
        fireEvent.mouseDown(screen.getByText('elsewhere'));
        expect(screen.queryByRole('menu')).toBeNull();
    });

    it('forgets a choice no action took', async () => {
        const {run, choice} = setUp();
        choice.choose('options');
        await act(async () => {
            await Promise.resolve();
        });
        choice.action(channel, member);
        expect(run.start).toHaveBeenCalledTimes(1);
        expect(run.options).not.toHaveBeenCalled();
    });
});

describe('the item in a menu shared with other call providers', () => {
    // Mattermost's menu item: its click runs the action.
    function InSharedMenu({choice}: {choice: ReturnType<typeof createCallChoice>}) {
        return (
            <ul>
                <li onClick={() => choice.action(channel, member)}>
                    <CallDropdownItem choice={choice}/>
                </li>
            </ul>
        );
    }

    it('starts from the item, and opens options or scheduling from its icons', () => {
        const {run, choice} = setUp();
        renderWithIntl(<InSharedMenu choice={choice}/>);
        fireEvent.click(screen.getByText('Start a plugNmeet meeting'));
        expect(run.start).toHaveBeenCalledTimes(1);
        fireEvent.click(screen.getByRole('button', {name: 'Start with options…'}));
        expect(run.options).toHaveBeenCalledWith(channel, member);
        fireEvent.click(screen.getByRole('button', {name: 'Schedule a meeting…'}));
        expect(run.schedule).toHaveBeenCalledWith(channel, member);
        expect(run.start).toHaveBeenCalledTimes(1);
    });
});

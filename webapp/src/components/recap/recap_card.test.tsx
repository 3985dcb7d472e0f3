import {screen, within} from '@testing-library/react';
import React from 'react';

import RecapCard, {readRecap} from './recap_card';

import {makePost, renderWithIntl} from '../../../tests/test_utils';

const MIN = 60_000;
const card = (props: Record<string, unknown>, message = '') => (
    <RecapCard post={makePost({message, props: {plugnmeet_room_id: 'r1', plugnmeet_artifact_id: 'a1', recap_topic: 'Weekly sync', ...props}})}/>
);

describe('RecapCard', () => {
    it('attendance: a table, longest first as sent, guests marked, names as text', () => {
        renderWithIntl(card({plugnmeet_recap: 'attendance', recap_duration_ms: 47 * MIN, recap_people: [
            {name: 'bob', guest: false, present_ms: 45 * MIN, talked_ms: 2 * MIN},
            {name: '<b>@all Gina</b>', guest: true, present_ms: 10 * MIN, talked_ms: 0},
        ]}));
        expect(screen.getByRole('heading', {name: 'Attendance'})).toBeInTheDocument();
        expect(screen.getByText('Lasted 47 min')).toBeInTheDocument();
        const rows = screen.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
        expect(rows).toEqual([['bob', '45 min', '2 min'], ['<b>@all Gina</b> guest', '10 min', 'less than a minute']]);
    });

    it('transcript: folded, opens to each speaker and line; the link when the file could not be attached', () => {
        renderWithIntl(card({plugnmeet_recap: 'transcript', recap_cues: [{speaker: 'Alice', text: 'Hello'}, {speaker: '', text: 'noise'}], recap_cut: true, recap_file_url: 'https://sidecar.example/recap/r1/a1.vtt?x=1'}));
        const details = screen.getByText('2 lines').closest('details')!;
        expect(details.open).toBe(false); // folded (the browser test opens it)
        expect(within(details).getByRole('list')).toHaveTextContent('Alice: Hello');
        expect(screen.getByText(/whole transcript is in the file/)).toBeInTheDocument();
        expect(screen.getByRole('link', {name: 'Download the transcript'})).toHaveAttribute('href', 'https://sidecar.example/recap/r1/a1.vtt?x=1');
    });

    it('summary: the message under the AI heading, as text when Mattermost\'s renderer is not there; a failure shows the message', () => {
        const {rerender} = renderWithIntl(card({plugnmeet_recap: 'summary'}, '**AI-generated summary** · Weekly sync\n\n**Decisions**\n- ship'));
        expect(screen.getByRole('heading', {name: 'AI-generated summary'})).toBeInTheDocument();
        expect(screen.getByText(/Decisions/)).toHaveTextContent('**Decisions** - ship');
        expect(screen.getByText(/Written by a model/)).toBeInTheDocument();
        rerender(card({plugnmeet_recap: 'attendance', recap_failed: true}, 'The attendance of this meeting could not be posted: plugNmeet sent a file that could not be read'));
        expect(screen.getByText(/could not be posted/)).toBeInTheDocument();
        expect(screen.queryByRole('table')).not.toBeInTheDocument();
    });

    it('reads only what has the right shape; a link that is not http(s) is dropped', () => {
        const recap = readRecap(makePost({props: {plugnmeet_recap: 'other', recap_people: [{name: 1}], recap_cues: 'x', recap_file_url: 'javascript:alert(1)'}}));
        expect(recap).toMatchObject({plugnmeet_recap: undefined, recap_people: [], recap_cues: [], recap_file_url: undefined});
    });
});

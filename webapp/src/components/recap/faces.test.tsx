import {screen, within} from '@testing-library/react';
import React from 'react';

import {Faces, initials, readPeople} from './faces';

import {fakeClient, makePost, renderWithIntl} from '../../../tests/test_utils';
import MeetingCard from '../meeting_card/meeting_card';

const ALICE = 'a'.repeat(26);
const BOB = 'b'.repeat(26);

/** The element under test. */
function faces(post: ReturnType<typeof makePost>, ended: boolean) {
    return (
        <Faces
            post={post}
            ended={ended}
        />
    );
}

const people = (list: unknown, more?: unknown) => makePost({props: {meeting_people: list, meeting_people_more: more}});

describe('Faces on the meeting card', () => {
    it('pictures for Mattermost users, initials for guests, +N for the rest', () => {
        renderWithIntl(faces(people([{id: ALICE, name: 'alice'}, {id: BOB, name: 'Bob Stone'}, {id: '', name: 'Gina Guest'}], 3), false));
        const group = screen.getByRole('group', {name: 'In the meeting'});
        const images = within(group).getAllByRole('img');
        expect(images.map((i) => i.getAttribute('src'))).toEqual([`/api/v4/users/${ALICE}/image`, `/api/v4/users/${BOB}/image`]);
        expect(within(group).getByLabelText('Gina Guest')).toHaveTextContent('GG');
        expect(within(group).getByText('+3')).toBeInTheDocument();
    });

    it('says who came once ended, and nothing before anyone joined or for odd props', () => {
        const {container, rerender} = renderWithIntl(faces(people([{id: ALICE, name: 'alice'}]), true));
        expect(screen.getByRole('group', {name: 'Came'})).toBeInTheDocument();
        rerender(faces(people('nope'), false));
        expect(container).toBeEmptyDOMElement();
        expect(readPeople(people([{id: 1, name: 'x'}, null, {id: 'not-an-id', name: '<b>'}], -2))).toEqual({people: [{id: 'not-an-id', name: '<b>'}], more: 0});
    });

    it('a guest whose id is not a Mattermost id gets initials, never a picture URL built from it', () => {
        renderWithIntl(faces(people([{id: '../../x', name: '@here Zoe'}]), false));
        expect(screen.queryByRole('img')).not.toBeInTheDocument();
        expect(initials('@here Zoe')).toBe('HZ');
        expect(initials('')).toBe('?');
    });

    it('the live card shows them; the ended card of a --summary meeting says the summary is on its way', () => {
        const base = {plugnmeet_room_id: 'r1', meeting_topic: 'Sync', meeting_creator_id: 'u1', meeting_creator_username: 'alice', meeting_started_at: 1};
        const client = fakeClient();
        const card = (props: Record<string, unknown>) => (
            <MeetingCard
                post={makePost({props: {...base, ...props}})}
                client={client}
                getTeamId={() => 't1'}
            />
        );
        const {rerender} = renderWithIntl(card({meeting_status: 'live', meeting_participants: 1, meeting_people: [{id: ALICE, name: 'alice'}]}));
        expect(screen.getByRole('group', {name: 'In the meeting'})).toBeInTheDocument();
        rerender(card({meeting_status: 'ended', meeting_ended_at: 60_001, meeting_people: [{id: ALICE, name: 'alice'}], meeting_summary_coming: true}));
        expect(screen.getByRole('group', {name: 'Came'})).toBeInTheDocument();
        expect(screen.getByText('AI summary on its way to this thread')).toBeInTheDocument();
    });
});

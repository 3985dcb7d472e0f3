import {act, fireEvent, screen} from '@testing-library/react';
import React from 'react';

import Notices from './notices';

import {renderWithIntl} from '../../../tests/test_utils';
import {createNoticeStore} from '../../stores/notice_store';

describe('Notices', () => {
    it('renders nothing until there is something to say', () => {
        const store = createNoticeStore();
        const {container} = renderWithIntl(<Notices store={store}/>);
        expect(container).toBeEmptyDOMElement();
    });

    it('shows an error with what to do, and can be dismissed', () => {
        const store = createNoticeStore();
        renderWithIntl(<Notices store={store}/>);
        act(() => store.show({tone: 'error', title: 'plugnmeet.notice.start_failed', problem: {id: 'plugnmeet.error.not_set_up'}}));
        const alert = screen.getByRole('alert');
        expect(alert).toHaveTextContent('Could not start the meeting');
        expect(alert).toHaveTextContent('Ask your system admin to set up /plugnmeet in this team.');
        fireEvent.click(screen.getByRole('button', {name: 'Dismiss'}));
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    });

    it('does not stack the same failure twice and keeps at most three', () => {
        const store = createNoticeStore();
        renderWithIntl(<Notices store={store}/>);
        act(() => {
            store.show({tone: 'error', problem: {id: 'plugnmeet.error.network'}});
            store.show({tone: 'error', problem: {id: 'plugnmeet.error.network'}});
        });
        expect(screen.getAllByRole('alert')).toHaveLength(1);
        act(() => {
            store.show({tone: 'error', problem: {id: 'plugnmeet.error.other', values: {message: 'a'}}});
            store.show({tone: 'error', problem: {id: 'plugnmeet.error.other', values: {message: 'b'}}});
            store.show({tone: 'error', problem: {id: 'plugnmeet.error.other', values: {message: 'c'}}});
        });
        const texts = screen.getAllByRole('alert').map((el) => el.textContent);
        expect(texts).toEqual(['Something went wrong: a×', 'Something went wrong: b×', 'Something went wrong: c×']);
    });

    it('offers the link when a popup was blocked, and clicking it dismisses the notice', () => {
        const store = createNoticeStore();
        renderWithIntl(<Notices store={store}/>, {locale: 'fr'});
        act(() => store.show({tone: 'info', link: 'https://meet.example.com/?access_token=a'}));
        expect(screen.getByRole('status')).toHaveTextContent('Votre navigateur a bloqué la nouvelle fenêtre.');
        const link = screen.getByRole('link', {name: 'Ouvrir ici'});
        expect(link).toHaveAttribute('href', 'https://meet.example.com/?access_token=a');
        fireEvent.click(link);
        expect(screen.queryByRole('status')).not.toBeInTheDocument();
    });
});

// A tiny external store for the toast-like notices shown by the root component. Actions
// that run outside React (the header button, the App Bar icon) report through it.
import {createListeners} from './listeners';

import type {Problem} from '../actions/open_command';
import type {MessageId} from '../i18n';

export type Notice = {
    key: number;
    tone: 'error' | 'info';
    title?: MessageId;
    problem?: Problem;

    // A plain message, e.g. where a personal link was posted instead of opened.
    info?: MessageId;

    // A link the user can click when the browser blocked our window.
    link?: string;
};

export type NoticeStore = {
    subscribe(listener: () => void): () => void;
    getSnapshot(): readonly Notice[];
    show(notice: Omit<Notice, 'key'>): void;
    dismiss(key: number): void;

    /** Drops every notice and listener: the plugin is being uninitialized. */
    clear(): void;
};

const MAX_NOTICES = 3;

function sameNotice(a: Omit<Notice, 'key'>, b: Omit<Notice, 'key'>): boolean {
    return a.tone === b.tone && a.title === b.title && a.link === b.link && a.info === b.info &&
        a.problem?.id === b.problem?.id && JSON.stringify(a.problem?.values) === JSON.stringify(b.problem?.values);
}

export function createNoticeStore(): NoticeStore {
    let notices: readonly Notice[] = [];
    let nextKey = 1;
    const listeners = createListeners();
    const emit = listeners.emit;

    return {
        subscribe: listeners.subscribe,
        getSnapshot: () => notices,
        show(notice) {
            // A repeated failure replaces its older copy instead of stacking up.
            const others = notices.filter((existing) => !sameNotice(existing, notice));
            notices = [...others, {...notice, key: nextKey++}].slice(-MAX_NOTICES);
            emit();
        },
        dismiss(key) {
            notices = notices.filter((notice) => notice.key !== key);
            emit();
        },
        clear() {
            notices = [];
            emit();
            listeners.clear();
        },
    };
}

// Root component: shows failures of actions that have no place of their own on screen
// (header button, App Bar icon) as small dismissable notices in the corner.
import React, {useEffect, useState} from 'react';
import {useIntl} from 'react-intl';

import {msg} from '../../i18n';
import type {Notice, NoticeStore} from '../../stores/notice_store';

// useState + a subscription instead of useSyncExternalStore, which React 17 (Mattermost
// 9.11-10.x) does not have.
function useNotices(store: NoticeStore): readonly Notice[] {
    const [notices, setNotices] = useState(store.getSnapshot);
    useEffect(() => {
        setNotices(store.getSnapshot());
        return store.subscribe(() => setNotices(store.getSnapshot()));
    }, [store]);
    return notices;
}

export default function Notices({store}: {store: NoticeStore}) {
    const intl = useIntl();
    const notices = useNotices(store);
    if (notices.length === 0) {
        return null;
    }

    return (
        <div
            className='plugnmeet-notices'
            data-testid='plugnmeet-notices'
        >
            {notices.map((notice) => (
                <div
                    key={notice.key}
                    className={`plugnmeet-notice plugnmeet-notice--${notice.tone}`}
                    role={notice.tone === 'error' ? 'alert' : 'status'}
                >
                    <div className='plugnmeet-notice__text'>
                        {notice.title && <strong className='plugnmeet-notice__title'>{intl.formatMessage(msg(notice.title))}</strong>}
                        {notice.problem && intl.formatMessage(msg(notice.problem.id), notice.problem.values)}
                        {notice.info && intl.formatMessage(msg(notice.info))}
                        {notice.link && (
                            <>
                                {intl.formatMessage(msg('plugnmeet.open.blocked'))}{' '}
                                <a
                                    href={notice.link}
                                    target='_blank'
                                    rel='noopener noreferrer'
                                    onClick={() => store.dismiss(notice.key)}
                                >
                                    {intl.formatMessage(msg('plugnmeet.open.blocked_link'))}
                                </a>
                            </>
                        )}
                    </div>
                    <button
                        type='button'
                        className='plugnmeet-notice__close'
                        aria-label={intl.formatMessage(msg('plugnmeet.notice.dismiss'))}
                        title={intl.formatMessage(msg('plugnmeet.notice.dismiss'))}
                        onClick={() => store.dismiss(notice.key)}
                    >
                        {'×'}
                    </button>
                </div>
            ))}
        </div>
    );
}

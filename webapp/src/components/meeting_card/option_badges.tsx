// What a joiner meets, when the card says so: a waiting room, a recording, end-to-end
// encryption, a time limit. Cards made before options carry none of these, and show nothing.
import React from 'react';
import {useIntl} from 'react-intl';

import {msg} from '../../i18n';
import {formatDuration} from '../../utils/format';
import type {MeetingInfo} from '../../utils/post_props';

export function OptionBadges({meeting}: {meeting: MeetingInfo}) {
    const intl = useIntl();
    const badges: string[] = [];
    if (meeting.waitingRoom) {
        badges.push(intl.formatMessage(msg('plugnmeet.card.waiting_room')));
    }
    if (meeting.recorded) {
        badges.push(intl.formatMessage(msg('plugnmeet.card.recorded')));
    }
    if (meeting.e2ee) {
        badges.push(intl.formatMessage(msg('plugnmeet.card.e2ee')));
    }
    if (meeting.durationMinutes) {
        badges.push(intl.formatMessage(msg('plugnmeet.card.time_limit'), {duration: formatDuration(intl, meeting.durationMinutes * 60_000)}));
    }
    if (badges.length === 0) {
        return null;
    }
    return (
        <ul
            className='plugnmeet-card__options'
            aria-label={intl.formatMessage(msg('plugnmeet.card.options'))}
            data-testid='plugnmeet-card-options'
        >
            {badges.map((badge) => (
                <li
                    key={badge}
                    className='plugnmeet-chip'
                >
                    {badge}
                </li>
            ))}
        </ul>
    );
}

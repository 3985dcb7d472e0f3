// Root component: the incoming call, while it rings. Who calls, the topic, Decline and Join. It
// does not take the keyboard focus (the user may be typing); screen readers hear it through the
// assertive live region.
import React from 'react';
import {useIntl} from 'react-intl';

import type {AnswerCall} from '../../actions/answer_call';
import {useExternalStore} from '../../hooks/use_external_store';
import {msg} from '../../i18n';
import type {RingingStore} from '../../stores/ringing_store';
import {CameraIcon} from '../icons/icons';

export default function IncomingCallNotice({store, answer}: {store: RingingStore; answer: AnswerCall}) {
    const intl = useIntl();
    const call = useExternalStore(store.subscribe, store.getSnapshot);
    if (!call) {
        return null;
    }
    const name = call.callerName || intl.formatMessage(msg('plugnmeet.call.someone'));
    const calling = intl.formatMessage(msg(call.group ? 'plugnmeet.call.calling_group' : 'plugnmeet.call.calling_you'), {name});
    return (
        <div
            className='plugnmeet-call-region'
            aria-live='assertive'
        >
            <section
                key={call.roomId}
                className='plugnmeet-call'
                role='dialog'
                aria-modal='false'
                aria-label={intl.formatMessage(msg('plugnmeet.call.title'))}
                data-testid='plugnmeet-incoming-call'
                data-room-id={call.roomId}
            >
                <div
                    className='plugnmeet-call__icon'
                    aria-hidden='true'
                >
                    <CameraIcon size={24}/>
                </div>
                <div className='plugnmeet-call__body'>
                    <div className='plugnmeet-call__label'>{intl.formatMessage(msg('plugnmeet.call.title'))}</div>
                    <div className='plugnmeet-call__caller'>{calling}</div>
                    {call.topic && <div className='plugnmeet-call__topic'>{call.topic}</div>}
                </div>
                <div className='plugnmeet-call__actions'>
                    <button
                        type='button'
                        className='plugnmeet-call__decline'
                        onClick={() => answer.decline(call)}
                    >
                        {intl.formatMessage(msg('plugnmeet.call.decline'))}
                    </button>
                    <button
                        type='button'
                        className='plugnmeet-call__join'
                        onClick={() => answer.join(call)}
                    >
                        {intl.formatMessage(msg('plugnmeet.call.join'))}
                    </button>
                </div>
            </section>
        </div>
    );
}

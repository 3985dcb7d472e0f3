// Root component: the "Start with options" dialog. Opened through the dialog store (call-button
// menu, App Bar, typed `/plugnmeet options` or `/plugnmeet schedule`), it asks the sidecar for the
// options sheet, shows the form (or why this person may not start here), and starts through the
// same path as a one-click start, with the chosen flags and topic; in Schedule mode it sends
// `/plugnmeet schedule ...` instead (no window to open: the sidecar posts the scheduled card and
// answers in the channel), and closes once Mattermost took it. Looks like a Mattermost modal, built from
// Mattermost's CSS variables (styles/options_styles.ts) rather than a modal library, which would
// grow the bundle.
import React, {useEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';

import {handleDialogKeys, useRestoreFocus} from './dialog_keys';
import OptionsForm from './options_form';

import {describeError} from '../../actions/open_command';
import type {Problem} from '../../actions/open_command';
import {loadSheet} from '../../actions/options_sheet';
import type {SheetOutcome} from '../../actions/options_sheet';
import type {StartTarget} from '../../actions/start_meeting';
import type {Client} from '../../client/client';
import {msg} from '../../i18n';
import type {DialogMode, OptionsDialogStore, OptionsRequest} from '../../stores/options_dialog_store';
import {PluginBoundary} from '../plugin_boundary/plugin_boundary';

// React 17 (Mattermost 9.11-10.x) has no useId.
let nextUid = 0;

// useState + a subscription instead of useSyncExternalStore, which React 17 does not have.
function useRequest(store: OptionsDialogStore): OptionsRequest | null {
    const [request, setRequest] = useState(store.getSnapshot);
    useEffect(() => {
        setRequest(store.getSnapshot());
        return store.subscribe(() => setRequest(store.getSnapshot()));
    }, [store]);
    return request;
}

type ModalProps = {
    request: OptionsRequest;
    client: Client;
    now?: () => number;
    onClose: () => void;
    onStart: (words: string) => void;
};

/** A message in place of the form (a refusal, a failure), with the one way on: Close. */
function Message({title, text, onClose}: {title?: string; text: string; onClose: () => void}) {
    const intl = useIntl();
    const close = useRef<HTMLButtonElement>(null);
    useEffect(() => close.current?.focus(), []);
    return (
        <>
            <div
                className='plugnmeet-modal__body plugnmeet-modal__message'
                role='alert'
            >
                {title && <strong className='plugnmeet-modal__message-title'>{title}</strong>}
                {text}
            </div>
            <div className='plugnmeet-modal__footer'>
                <button
                    ref={close}
                    type='button'
                    className='plugnmeet-modal__button'
                    onClick={onClose}
                >
                    {intl.formatMessage(msg('plugnmeet.options.close'))}
                </button>
            </div>
        </>
    );
}

function OptionsModal({request, client, now, onClose, onStart}: ModalProps) {
    const intl = useIntl();
    const [uid] = useState(() => `plugnmeet-options-${++nextUid}`);
    const [outcome, setOutcome] = useState<SheetOutcome | null>(null);
    const [mode, setMode] = useState<DialogMode>(request.mode);
    const [scheduling, setScheduling] = useState<{sending: boolean; problem?: Problem}>({sending: false});
    const dialog = useRef<HTMLDivElement>(null);
    const mounted = useRef(true);
    useRestoreFocus();
    useEffect(() => {
        mounted.current = true;
        return () => {
            mounted.current = false;
        };
    }, []);

    // Nothing to open: Mattermost shows the sidecar's answer (the card, or why not) in the channel.
    const schedule = (command: string) => {
        if (scheduling.sending) {
            return;
        }
        setScheduling({sending: true});
        client.executeCommand(command, request.target).then(() => {
            if (mounted.current) {
                onClose();
            }
        }, (error: unknown) => {
            if (mounted.current) {
                setScheduling({sending: false, problem: describeError(error)});
            }
        });
    };

    useEffect(() => {
        // Until the sheet is there, the dialog itself holds focus, so Escape already works.
        dialog.current?.focus();
        let current = true;
        loadSheet(client, request.target).then((loaded) => {
            if (current) {
                setOutcome(loaded);
            }
        });
        return () => {
            current = false;
        };
    }, [client, request]);

    let body;
    if (!outcome) {
        body = (
            <>
                <div
                    className='plugnmeet-modal__body plugnmeet-modal__message'
                    role='status'
                >
                    {intl.formatMessage(msg('plugnmeet.options.loading'))}
                </div>
                <div className='plugnmeet-modal__footer'>
                    <button
                        type='button'
                        className='plugnmeet-modal__button plugnmeet-modal__button--tertiary'
                        onClick={onClose}
                    >
                        {intl.formatMessage(msg('plugnmeet.options.cancel'))}
                    </button>
                </div>
            </>
        );
    } else if (outcome.kind === 'sheet' && !outcome.sheet.refusal) {
        body = (
            <OptionsForm
                sheet={outcome.sheet}
                topic={request.topic}
                uid={uid}
                mode={mode}
                onModeChange={setMode}
                rootId={request.target.root_id}
                scheduling={scheduling}
                now={now}
                onCancel={onClose}
                onStart={onStart}
                onSchedule={schedule}
            />
        );
    } else {
        let text = '';
        let title;
        if (outcome.kind === 'sheet') {
            text = outcome.sheet.refusal ?? '';
        } else if (outcome.kind === 'text') {
            text = outcome.text;
        } else {
            title = intl.formatMessage(msg('plugnmeet.options.load_failed'));
            text = intl.formatMessage(msg(outcome.problem.id), outcome.problem.values);
        }
        body = (
            <Message
                title={title}
                text={text}
                onClose={onClose}
            />
        );
    }

    return (
        <div
            className='plugnmeet-modal-backdrop'
            data-testid='plugnmeet-options-dialog'
            onMouseDown={(e) => {
                // A click beside the dialog cancels it, as in Mattermost's modals.
                if (e.target === e.currentTarget) {
                    onClose();
                }
            }}
        >
            <div
                ref={dialog}
                className='plugnmeet-modal'
                role='dialog'
                aria-modal='true'
                aria-labelledby={`${uid}-title`}
                aria-busy={!outcome}
                tabIndex={-1}
                onKeyDown={(e) => handleDialogKeys(e, onClose)}
            >
                <div className='plugnmeet-modal__header'>
                    <h2
                        id={`${uid}-title`}
                        className='plugnmeet-modal__title'
                    >
                        {intl.formatMessage(msg(mode === 'schedule' ? 'plugnmeet.dialog.schedule_title' : 'plugnmeet.header.start'))}
                    </h2>
                    <button
                        type='button'
                        className='plugnmeet-modal__close'
                        aria-label={intl.formatMessage(msg('plugnmeet.options.close'))}
                        title={intl.formatMessage(msg('plugnmeet.options.close'))}
                        onClick={onClose}
                    >
                        {'×'}
                    </button>
                </div>
                {body}
            </div>
        </div>
    );
}

type Props = {
    store: OptionsDialogStore;
    client: Client;

    // The one-click start's path (actions/start_meeting.ts), with the dialog's words after `start`.
    startIn: (target: StartTarget, words: string) => void;

    // The clock Schedule mode measures "past" against (tests pass their own).
    now?: () => number;
};

export default function OptionsDialog({store, client, startIn, now}: Props) {
    const request = useRequest(store);
    if (!request) {
        return null;
    }

    // A dialog that failed to render is tried again the next time it opens.
    return (
        <PluginBoundary
            resetKey={request.key}
            fallback={null}
        >
            <OptionsModal
                key={request.key}
                request={request}
                client={client}
                now={now}
                onClose={store.close}
                onStart={(words) => {
                    startIn(request.target, words);
                    store.close();
                }}
            />
        </PluginBoundary>
    );
}

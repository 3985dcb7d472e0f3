// The options form: topic, the switches, the time limit and the welcome message. Options the
// admin fixed are shown with their value, disabled, and say so.
import {MAX_WELCOME_LENGTH} from '@plugnmeet/contracts';
import type {OptionName, OptionsSheet, SwitchOption} from '@plugnmeet/contracts';
import React, {useEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';

import {durationLimit, initialForm, isFixed, MAX_TOPIC_LENGTH, readDuration, startWords} from './form_state';

import {msg} from '../../i18n';
import type {MessageId} from '../../i18n';

const MEETING_SWITCHES: ReadonlyArray<[SwitchOption, MessageId, MessageId?]> = [
    ['waitingRoom', 'plugnmeet.options.waiting_room', 'plugnmeet.options.waiting_room_hint'],
    ['mute', 'plugnmeet.options.mute'],
    ['record', 'plugnmeet.options.record'],
    ['e2ee', 'plugnmeet.options.e2ee'],
];
const LOCK_SWITCHES: ReadonlyArray<[SwitchOption, MessageId]> = [
    ['lockWebcams', 'plugnmeet.options.lock_webcams'],
    ['lockMics', 'plugnmeet.options.lock_mics'],
    ['lockScreen', 'plugnmeet.options.lock_screen'],
    ['lockChat', 'plugnmeet.options.lock_chat'],
];

type Props = {
    sheet: OptionsSheet;
    topic: string;

    // Prefix for the ids that bind labels and hints to their fields.
    uid: string;
    onCancel: () => void;

    // Must stay synchronous: it opens the meeting window inside the click (see actions/open_command.ts).
    onStart: (words: string) => void;
};

export default function OptionsForm({sheet, topic, uid, onCancel, onStart}: Props) {
    const intl = useIntl();
    const [form, setForm] = useState(() => initialForm(sheet, topic));
    const topicRef = useRef<HTMLInputElement>(null);
    const durationRef = useRef<HTMLInputElement>(null);
    useEffect(() => topicRef.current?.focus(), []);

    const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage(msg(id), values);
    const fixedNote = (name: OptionName) => isFixed(sheet, name) && (
        <span
            id={`${uid}-${name}-fixed`}
            className='plugnmeet-field__fixed'
        >
            {t('plugnmeet.options.fixed')}
        </span>
    );
    const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;

    const renderSwitch = ([name, label, hint]: readonly [SwitchOption, MessageId, MessageId?]) => {
        const id = `${uid}-${name}`;
        const fixed = isFixed(sheet, name);
        return (
            <div
                key={name}
                className='plugnmeet-switch'
            >
                <input
                    id={id}
                    type='checkbox'
                    role='switch'
                    className='plugnmeet-switch__input'
                    checked={form.options[name]}
                    disabled={fixed}
                    aria-describedby={describedBy(Boolean(hint) && `${id}-hint`, fixed && `${id}-fixed`)}
                    onChange={(e) => {
                        const checked = e.target.checked;
                        setForm((f) => ({...f, options: {...f.options, [name]: checked}}));
                    }}
                />
                <label
                    htmlFor={id}
                    className='plugnmeet-switch__label'
                >
                    {t(label)}
                </label>
                {hint && (
                    <span
                        id={`${id}-hint`}
                        className='plugnmeet-field__hint'
                    >
                        {t(hint)}
                    </span>
                )}
                {fixedNote(name)}
            </div>
        );
    };

    const durationFixed = isFixed(sheet, 'duration');
    const durationInvalid = !durationFixed && readDuration(form.duration, sheet) === null;
    const welcomeFixed = isFixed(sheet, 'welcome');

    const submit = (e: React.FormEvent) => {
        e.preventDefault();
        const words = startWords(form, sheet);
        if (words === null) {
            durationRef.current?.focus();
            return;
        }
        onStart(words);
    };

    return (
        <form
            className='plugnmeet-modal__form'
            onSubmit={submit}
            noValidate={true}
        >
            <div className='plugnmeet-modal__body'>
                <div className='plugnmeet-field'>
                    <label
                        htmlFor={`${uid}-topic`}
                        className='plugnmeet-field__label'
                    >
                        {t('plugnmeet.options.topic')}
                    </label>
                    <input
                        ref={topicRef}
                        id={`${uid}-topic`}
                        type='text'
                        className='plugnmeet-input'
                        maxLength={MAX_TOPIC_LENGTH}
                        autoComplete='off'
                        value={form.topic}
                        onChange={(e) => {
                            const value = e.target.value;
                            setForm((f) => ({...f, topic: value}));
                        }}
                    />
                </div>
                <fieldset className='plugnmeet-fieldset'>
                    <legend className='plugnmeet-fieldset__legend'>{t('plugnmeet.options.group_meeting')}</legend>
                    {MEETING_SWITCHES.map(renderSwitch)}
                </fieldset>
                <fieldset className='plugnmeet-fieldset'>
                    <legend className='plugnmeet-fieldset__legend'>{t('plugnmeet.options.group_locks')}</legend>
                    {LOCK_SWITCHES.map(renderSwitch)}
                </fieldset>
                <div className='plugnmeet-field'>
                    <label
                        htmlFor={`${uid}-duration`}
                        className='plugnmeet-field__label'
                    >
                        {t('plugnmeet.options.duration')}
                    </label>
                    <input
                        ref={durationRef}
                        id={`${uid}-duration`}
                        type='text'
                        inputMode='numeric'
                        className='plugnmeet-input plugnmeet-input--short'
                        autoComplete='off'
                        disabled={durationFixed}
                        value={durationFixed ? String(sheet.defaults.duration || '') : form.duration}
                        aria-invalid={durationInvalid}
                        aria-describedby={describedBy(`${uid}-duration-hint`, durationFixed && `${uid}-duration-fixed`)}
                        onChange={(e) => {
                            const value = e.target.value;
                            setForm((f) => ({...f, duration: value}));
                        }}
                    />
                    <span
                        id={`${uid}-duration-hint`}
                        className={durationInvalid ? 'plugnmeet-field__error' : 'plugnmeet-field__hint'}
                    >
                        {durationInvalid && t('plugnmeet.options.duration_invalid', {max: durationLimit(sheet)})}
                        {!durationInvalid && (sheet.maxDuration > 0 ? t('plugnmeet.options.duration_max', {count: durationLimit(sheet)}) : t('plugnmeet.options.duration_no_limit'))}
                    </span>
                    {fixedNote('duration')}
                </div>
                <div className='plugnmeet-field'>
                    <label
                        htmlFor={`${uid}-welcome`}
                        className='plugnmeet-field__label'
                    >
                        {t('plugnmeet.options.welcome')}
                    </label>
                    <textarea
                        id={`${uid}-welcome`}
                        className='plugnmeet-input plugnmeet-textarea'
                        rows={2}
                        maxLength={MAX_WELCOME_LENGTH}
                        disabled={welcomeFixed}
                        value={welcomeFixed ? sheet.defaults.welcome : form.options.welcome}
                        aria-describedby={describedBy(`${uid}-welcome-hint`, welcomeFixed && `${uid}-welcome-fixed`)}
                        onChange={(e) => {
                            const value = e.target.value;
                            setForm((f) => ({...f, options: {...f.options, welcome: value}}));
                        }}
                    />
                    <span
                        id={`${uid}-welcome-hint`}
                        className='plugnmeet-field__hint'
                    >
                        {t('plugnmeet.options.welcome_hint')}{' '}
                        {!welcomeFixed && t('plugnmeet.options.welcome_left', {count: MAX_WELCOME_LENGTH - form.options.welcome.length})}
                    </span>
                    {fixedNote('welcome')}
                </div>
            </div>
            <div className='plugnmeet-modal__footer'>
                <button
                    type='button'
                    className='plugnmeet-modal__button plugnmeet-modal__button--tertiary'
                    onClick={onCancel}
                >
                    {t('plugnmeet.options.cancel')}
                </button>
                <button
                    type='submit'
                    className='plugnmeet-modal__button'
                >
                    {t('plugnmeet.options.start')}
                </button>
            </div>
        </form>
    );
}

// The options form: topic, Start now or Schedule (a date and a time on the user's Mattermost
// clocks, and how it repeats), the switches, the time limit and the welcome message. Options the
// admin fixed are shown with their value, disabled, and say so.
import {MAX_WELCOME_LENGTH, RECURRENCES} from '@plugnmeet/contracts';
import type {OptionName, OptionsSheet, Recurrence, SwitchOption} from '@plugnmeet/contracts';
import React, {useEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';
import {useSelector} from 'react-redux';

import {durationLimit, initialForm, isFixed, MAX_TOPIC_LENGTH, readDuration, startWords} from './form_state';
import {checkSchedule, dateRange, initialSchedule, scheduleCommand} from './schedule_state';
import type {ScheduleError} from './schedule_state';

import type {Problem} from '../../actions/open_command';
import {msg} from '../../i18n';
import type {MessageId} from '../../i18n';
import {getCurrentTimeZone} from '../../selectors/schedule';
import type {DialogMode} from '../../stores/options_dialog_store';
import {REPEATS} from '../../utils/format';

const MEETING_SWITCHES: ReadonlyArray<[SwitchOption, MessageId, MessageId?]> = [
    ['waitingRoom', 'plugnmeet.options.waiting_room', 'plugnmeet.options.waiting_room_hint'],
    ['mute', 'plugnmeet.options.mute'],
    ['record', 'plugnmeet.options.record'],
    ['e2ee', 'plugnmeet.options.e2ee'],
    ['transcript', 'plugnmeet.options.transcript', 'plugnmeet.options.transcript_hint'],
    ['summary', 'plugnmeet.options.summary', 'plugnmeet.options.summary_hint'],
];
const LOCK_SWITCHES: ReadonlyArray<[SwitchOption, MessageId]> = [
    ['lockWebcams', 'plugnmeet.options.lock_webcams'],
    ['lockMics', 'plugnmeet.options.lock_mics'],
    ['lockScreen', 'plugnmeet.options.lock_screen'],
    ['lockChat', 'plugnmeet.options.lock_chat'],
];
const MODES: ReadonlyArray<[DialogMode, MessageId]> = [
    ['start', 'plugnmeet.dialog.mode_now'],
    ['schedule', 'plugnmeet.dialog.mode_later'],
];
const SCHEDULE_ERRORS: Readonly<Record<ScheduleError, MessageId>> = {
    missing: 'plugnmeet.dialog.error_missing',
    past: 'plugnmeet.dialog.error_past',
    skipped: 'plugnmeet.dialog.error_skipped',
    repeated: 'plugnmeet.dialog.error_repeated',
    too_far: 'plugnmeet.dialog.error_too_far',
};

type Props = {
    sheet: OptionsSheet;
    topic: string;

    // Prefix for the ids that bind labels and hints to their fields.
    uid: string;
    mode: DialogMode;
    onModeChange: (mode: DialogMode) => void;

    // The thread the dialog was opened for ('' for none): a scheduled card goes there too.
    rootId: string;

    // Schedule mode's request: on its way, or why Mattermost refused it.
    scheduling: {sending: boolean; problem?: Problem};
    now?: () => number;
    onCancel: () => void;

    // Must stay synchronous: it opens the meeting window inside the click (see actions/open_command.ts).
    onStart: (words: string) => void;

    // The whole `/plugnmeet schedule ...` command.
    onSchedule: (command: string) => void;
};

export default function OptionsForm({sheet, topic, uid, mode, onModeChange, rootId, scheduling, now = Date.now, onCancel, onStart, onSchedule}: Props) {
    const intl = useIntl();
    const [form, setForm] = useState(() => initialForm(sheet, topic));
    const zone = useSelector(getCurrentTimeZone);
    const [when, setWhen] = useState(() => initialSchedule(now(), zone));
    const [tried, setTried] = useState(false);
    const topicRef = useRef<HTMLInputElement>(null);
    const durationRef = useRef<HTMLInputElement>(null);
    const dateRef = useRef<HTMLInputElement>(null);
    const timeRef = useRef<HTMLInputElement>(null);
    useEffect(() => topicRef.current?.focus(), []);

    const t = (id: MessageId, values?: Record<string, string | number>) => intl.formatMessage(msg(id), values);
    const fixedNote = (name: OptionName, note: MessageId = 'plugnmeet.options.fixed') => isFixed(sheet, name) && (
        <span
            id={`${uid}-${name}-fixed`}
            className='plugnmeet-field__fixed'
        >
            {t(note)}
        </span>
    );
    const describedBy = (...ids: Array<string | false>) => ids.filter(Boolean).join(' ') || undefined;

    // A lock the admin set says why it is on: in every meeting (fixed), or as their default.
    const renderLock = ([name, label]: readonly [SwitchOption, MessageId]) => {
        const byAdmin = sheet.defaults[name];
        const hint = byAdmin && !isFixed(sheet, name) && form.options[name] ? 'plugnmeet.options.locked_default' : undefined;
        return renderSwitch([name, label, hint], byAdmin ? 'plugnmeet.options.locked_fixed' : undefined);
    };

    const renderSwitch = ([name, label, hint]: readonly [SwitchOption, MessageId, MessageId?], fixedWhy?: MessageId) => {
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
                {fixedNote(name, fixedWhy)}
            </div>
        );
    };

    const durationFixed = isFixed(sheet, 'duration');
    const durationInvalid = !durationFixed && readDuration(form.duration, sheet) === null;
    const welcomeFixed = isFixed(sheet, 'welcome');

    // A time the sidecar would refuse (past, not on the clocks that day, too far) is refused here
    // already; said as soon as both fields are filled in, or on Schedule.
    const scheduled = mode === 'schedule';
    const checked = scheduled ? checkSchedule(when, zone, now()) : null;
    const whenError = checked && !checked.ok && (tried || checked.error !== 'missing') ? checked.error : null;
    const range = dateRange(now(), zone);
    const zoneName = intl.formatDateToParts(checked?.ok ? checked.at : now(), {timeZone: zone, timeZoneName: 'long'}).find((part) => part.type === 'timeZoneName')?.value;
    const zoneLabel = zoneName && zoneName !== zone ? `${zoneName} (${zone})` : zone;

    const submit = (e: React.FormEvent) => {
        e.preventDefault();
        if (scheduling.sending) {
            return;
        }
        if (checked && !checked.ok) {
            setTried(true);
            const timeFirst = checked.error === 'skipped' || checked.error === 'repeated' || (checked.error === 'missing' && when.date !== '');
            (timeFirst ? timeRef : dateRef).current?.focus();
            return;
        }
        const words = startWords(form, sheet);
        if (words === null) {
            durationRef.current?.focus();
            return;
        }
        if (scheduled) {
            onSchedule(scheduleCommand(when, words, rootId));
        } else {
            onStart(words);
        }
    };
    const whenDescribedBy = describedBy(`${uid}-zone`, Boolean(whenError) && `${uid}-when-error`);

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
                <fieldset className='plugnmeet-choice'>
                    <legend className='plugnmeet-fieldset__legend'>{t('plugnmeet.dialog.when')}</legend>
                    <div className='plugnmeet-segmented'>
                        {MODES.map(([value, label]) => (
                            <label
                                key={value}
                                className='plugnmeet-segmented__option'
                            >
                                <input
                                    type='radio'
                                    name={`${uid}-mode`}
                                    value={value}
                                    className='plugnmeet-segmented__input'
                                    checked={mode === value}
                                    onChange={() => onModeChange(value)}
                                />
                                <span className='plugnmeet-segmented__label'>{t(label)}</span>
                            </label>
                        ))}
                    </div>
                </fieldset>
                {scheduled && (
                    <div
                        className='plugnmeet-schedule'
                        data-testid='plugnmeet-schedule-fields'
                    >
                        <div className='plugnmeet-schedule__row'>
                            <div className='plugnmeet-field'>
                                <label
                                    htmlFor={`${uid}-date`}
                                    className='plugnmeet-field__label'
                                >
                                    {t('plugnmeet.dialog.date')}
                                </label>
                                <input
                                    ref={dateRef}
                                    id={`${uid}-date`}
                                    type='date'
                                    className='plugnmeet-input'
                                    required={true}
                                    min={range.min}
                                    max={range.max}
                                    value={when.date}
                                    aria-invalid={Boolean(whenError) && whenError !== 'skipped' && whenError !== 'repeated'}
                                    aria-describedby={whenDescribedBy}
                                    onChange={(e) => {
                                        const value = e.target.value;
                                        setWhen((w) => ({...w, date: value}));
                                    }}
                                />
                            </div>
                            <div className='plugnmeet-field'>
                                <label
                                    htmlFor={`${uid}-time`}
                                    className='plugnmeet-field__label'
                                >
                                    {t('plugnmeet.dialog.time')}
                                </label>
                                <input
                                    ref={timeRef}
                                    id={`${uid}-time`}
                                    type='time'
                                    className='plugnmeet-input'
                                    required={true}
                                    step={60}
                                    value={when.time}
                                    aria-invalid={Boolean(whenError)}
                                    aria-describedby={whenDescribedBy}
                                    onChange={(e) => {
                                        const value = e.target.value;
                                        setWhen((w) => ({...w, time: value}));
                                    }}
                                />
                            </div>
                        </div>
                        <span
                            id={`${uid}-zone`}
                            className='plugnmeet-field__hint'
                        >
                            {t('plugnmeet.dialog.zone', {zone: zoneLabel})}
                        </span>
                        {whenError && (
                            <span
                                id={`${uid}-when-error`}
                                className='plugnmeet-field__error'
                                role='alert'
                            >
                                {t(SCHEDULE_ERRORS[whenError])}
                            </span>
                        )}
                        <div className='plugnmeet-field'>
                            <label
                                htmlFor={`${uid}-every`}
                                className='plugnmeet-field__label'
                            >
                                {t('plugnmeet.dialog.repeats')}
                            </label>
                            <select
                                id={`${uid}-every`}
                                className='plugnmeet-input plugnmeet-select'
                                value={when.every}
                                onChange={(e) => {
                                    const value = e.target.value as Recurrence;
                                    setWhen((w) => ({...w, every: value}));
                                }}
                            >
                                <option value=''>{t('plugnmeet.dialog.repeats_never')}</option>
                                {RECURRENCES.map((every) => (
                                    <option
                                        key={every}
                                        value={every}
                                    >
                                        {t(REPEATS[every])}
                                    </option>
                                ))}
                            </select>
                        </div>
                    </div>
                )}
                <fieldset className='plugnmeet-fieldset'>
                    <legend className='plugnmeet-fieldset__legend'>{t('plugnmeet.options.group_meeting')}</legend>
                    {MEETING_SWITCHES.map((entry) => renderSwitch(entry))}
                </fieldset>
                <fieldset className='plugnmeet-fieldset'>
                    <legend className='plugnmeet-fieldset__legend'>{t('plugnmeet.options.group_locks')}</legend>
                    {LOCK_SWITCHES.map(renderLock)}
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
                {scheduled && scheduling.problem && (
                    <div
                        className='plugnmeet-field__error plugnmeet-modal__problem'
                        role='alert'
                    >
                        <strong>{t('plugnmeet.dialog.schedule_failed')}</strong>{' '}
                        {t(scheduling.problem.id, scheduling.problem.values)}
                    </div>
                )}
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
                    disabled={scheduled && scheduling.sending}
                    aria-busy={scheduled && scheduling.sending}
                >
                    {scheduled ? t(scheduling.sending ? 'plugnmeet.dialog.scheduling' : 'plugnmeet.dialog.schedule') : t('plugnmeet.options.start')}
                </button>
            </div>
        </form>
    );
}

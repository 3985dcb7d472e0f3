// The custom_plugnmeet_recap post: one part of a meeting's recap in its thread, as a card. The
// attendance as a table, the transcript folded (a <details>: it can be long), the AI summary through
// Mattermost's own Markdown renderer (window.PostUtils, which plugins are given; else as text). Every
// name and line is rendered as text. The post's message is the same in Markdown, for mobile.
import type {RecapPostProps} from '@plugnmeet/contracts';
import React from 'react';
import {useIntl} from 'react-intl';

import {msg} from '../../i18n';
import type {PostTypeProps} from '../../types/mattermost';
import {formatDuration} from '../../utils/format';
import {CardFrame} from '../card_frame/card_frame';
import {CameraIcon} from '../icons/icons';

type Recap = Partial<RecapPostProps>;

type PostUtils = {formatText(text: string, options?: Record<string, unknown>): string; messageHtmlToComponent(html: string, ...rest: unknown[]): React.ReactNode};

const TITLES = {
    attendance: 'plugnmeet.recap_card.attendance',
    transcript: 'plugnmeet.recap_card.transcript',
    summary: 'plugnmeet.recap_card.summary',
} as const;

const list = <T, >(v: unknown, ok: (x: any) => boolean): T[] => (Array.isArray(v) ? v.filter(ok) : []); // eslint-disable-line @typescript-eslint/no-explicit-any

/** The recap as the sidecar wrote it; anything of the wrong shape is left out. */
export function readRecap(post: PostTypeProps['post']): Recap {
    const p = (post?.props ?? {}) as Record<string, unknown>;
    const kind = p.plugnmeet_recap;
    return {
        plugnmeet_recap: kind === 'attendance' || kind === 'transcript' || kind === 'summary' ? kind : undefined,
        recap_topic: typeof p.recap_topic === 'string' ? p.recap_topic : '',
        recap_failed: p.recap_failed === true,
        recap_duration_ms: typeof p.recap_duration_ms === 'number' ? p.recap_duration_ms : undefined,
        recap_people: list(p.recap_people, (x) => typeof x?.name === 'string' && typeof x?.present_ms === 'number' && typeof x?.talked_ms === 'number'),
        recap_cues: list(p.recap_cues, (x) => typeof x?.text === 'string' && typeof x?.speaker === 'string'),
        recap_cut: p.recap_cut === true,
        recap_file_url: typeof p.recap_file_url === 'string' && (/^https?:\/\//).test(p.recap_file_url) ? p.recap_file_url : undefined,
    };
}

function Summary({message}: {message: string}) {
    const utils = (window as {PostUtils?: PostUtils}).PostUtils;

    // The sidecar made the Markdown inert (no HTML, links or images; mentions broken): Mattermost renders it as it would the post.
    const body = message.split('\n').slice(2).join('\n');
    if (utils?.formatText && utils.messageHtmlToComponent) {
        return <div className='plugnmeet-recap__summary'>{utils.messageHtmlToComponent(utils.formatText(body, {atMentions: false}))}</div>;
    }
    return <p className='plugnmeet-recap__summary plugnmeet-recap__summary--plain'>{body}</p>;
}

export default function RecapCard({post, theme, compactDisplay, isRHS}: PostTypeProps) {
    const intl = useIntl();
    const recap = readRecap(post);
    const kind = recap.plugnmeet_recap;
    const message = typeof post?.message === 'string' ? post.message : '';
    const people = recap.recap_people ?? [];
    const cues = recap.recap_cues ?? [];
    return (
        <CardFrame
            modifier='recap'
            testId='plugnmeet-recap-card'
            icon={<CameraIcon size={22}/>}
            theme={theme}
            compactDisplay={compactDisplay}
            isRHS={isRHS}
        >
            <div className='plugnmeet-card__head'>
                <h4 className='plugnmeet-card__title'>{kind ? intl.formatMessage(msg(TITLES[kind])) : ''}</h4>
                {recap.recap_topic && <span className='plugnmeet-chip'>{recap.recap_topic}</span>}
                {kind === 'attendance' && recap.recap_duration_ms !== undefined && (
                    <span className='plugnmeet-chip'>{intl.formatMessage(msg('plugnmeet.card.lasted'), {duration: formatDuration(intl, recap.recap_duration_ms)})}</span>
                )}
            </div>
            {recap.recap_failed && <p className='plugnmeet-card__meta'>{message}</p>}
            {!recap.recap_failed && kind === 'attendance' && (
                <table className='plugnmeet-recap__table'>
                    <thead>
                        <tr>
                            <th scope='col'>{intl.formatMessage(msg('plugnmeet.recap_card.person'))}</th>
                            <th scope='col'>{intl.formatMessage(msg('plugnmeet.recap_card.present'))}</th>
                            <th scope='col'>{intl.formatMessage(msg('plugnmeet.recap_card.talked'))}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {people.map((p, i) => (
                            // eslint-disable-next-line react/no-array-index-key -- rows in the sidecar's order; two guests may share a name
                            <tr key={i}>
                                <td>
                                    {p.name}
                                    {p.guest && ' '}
                                    {p.guest && <span className='plugnmeet-recap__guest'>{intl.formatMessage(msg('plugnmeet.recap_card.guest'))}</span>}
                                </td>
                                <td>{formatDuration(intl, p.present_ms)}</td>
                                <td>{formatDuration(intl, p.talked_ms)}</td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            )}
            {!recap.recap_failed && kind === 'transcript' && (
                <details className='plugnmeet-recap__transcript'>
                    <summary>{intl.formatMessage(msg('plugnmeet.recap_card.lines'), {count: cues.length})}</summary>
                    <ol>
                        {cues.map((c, i) => (
                            // eslint-disable-next-line react/no-array-index-key -- cues in the transcript's order
                            <li key={i}>
                                {c.speaker && <strong>{c.speaker}</strong>}
                                {c.speaker && ': '}
                                {c.text}
                            </li>
                        ))}
                    </ol>
                    {recap.recap_cut && <p className='plugnmeet-card__meta'>{intl.formatMessage(msg('plugnmeet.recap_card.cut'))}</p>}
                </details>
            )}
            {!recap.recap_failed && kind === 'transcript' && recap.recap_file_url && (
                <a
                    className='plugnmeet-button plugnmeet-button--tertiary'
                    href={recap.recap_file_url}
                    target='_blank'
                    rel='noopener noreferrer'
                >{intl.formatMessage(msg('plugnmeet.recap_card.download'))}</a>
            )}
            {!recap.recap_failed && kind === 'summary' && (
                <>
                    <Summary message={message}/>
                    <p className='plugnmeet-card__meta'>{intl.formatMessage(msg('plugnmeet.recap_card.ai_note'))}</p>
                </>
            )}
        </CardFrame>
    );
}

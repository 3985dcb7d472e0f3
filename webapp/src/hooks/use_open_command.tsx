// Button state shared by the meeting and recording cards: pending while the command runs,
// and what to show next to the button when it did not simply open a window.
import React, {useCallback, useEffect, useRef, useState} from 'react';
import {useIntl} from 'react-intl';

import type {CommandArgs} from '@mattermost/types/integrations';

import {runCommandInNewWindow} from '../actions/open_command';
import type {Problem, WindowOptions} from '../actions/open_command';
import type {Client} from '../client/client';
import {msg} from '../i18n';
import type {MessageId} from '../i18n';

type Issue = {problem: Problem} | {blockedUrl: string} | {info: MessageId} | null;

export function useOpenCommand(client: Client, {openWindow, desktop}: WindowOptions = {}) {
    const intl = useIntl();
    const [pending, setPending] = useState(false);
    const [issue, setIssue] = useState<Issue>(null);
    const mounted = useRef(true);
    useEffect(() => {
        mounted.current = true;
        return () => {
            mounted.current = false;
        };
    }, []);

    // Must stay synchronous up to window.open: runCommandInNewWindow opens it before awaiting.
    const run = useCallback((command: string, args: CommandArgs, fallbackAction?: () => Promise<unknown>) => {
        if (pending) {
            return;
        }
        setPending(true);
        setIssue(null);
        const loadingText = intl.formatMessage(msg('plugnmeet.open.loading'));
        runCommandInNewWindow(client, command, args, {loadingText, openWindow, desktop, fallbackAction}).then((outcome) => {
            if (!mounted.current) {
                return;
            }
            setPending(false);
            if (outcome.kind === 'failed') {
                setIssue({problem: outcome.problem});
            } else if (outcome.kind === 'blocked') {
                setIssue({blockedUrl: outcome.url});
            } else if (outcome.kind === 'posted_privately') {
                setIssue({info: 'plugnmeet.open.posted_privately'});
            }
        });
    }, [client, desktop, intl, openWindow, pending]);

    return {pending, issue, run, clearIssue: () => setIssue(null)};
}

export function IssueLine({issue, onLinkClick}: {issue: Issue; onLinkClick: () => void}) {
    const intl = useIntl();
    if (!issue) {
        return null;
    }
    if ('info' in issue) {
        return (
            <div
                className='plugnmeet-card__notice'
                role='status'
            >
                {intl.formatMessage(msg(issue.info))}
            </div>
        );
    }
    if ('blockedUrl' in issue) {
        return (
            <div
                className='plugnmeet-card__error'
                role='status'
            >
                {intl.formatMessage(msg('plugnmeet.open.blocked'))}{' '}
                <a
                    href={issue.blockedUrl}
                    target='_blank'
                    rel='noopener noreferrer'
                    onClick={onLinkClick}
                >
                    {intl.formatMessage(msg('plugnmeet.open.blocked_link'))}
                </a>
            </div>
        );
    }
    return (
        <div
            className='plugnmeet-card__error'
            role='alert'
        >
            {intl.formatMessage(msg(issue.problem.id), issue.problem.values)}
        </div>
    );
}

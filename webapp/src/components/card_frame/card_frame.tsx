// The frame both cards share: themed box, icon column, and the one-button action row
// with its disabled reason and the outcome of the last click.
import React from 'react';
import type {ReactNode} from 'react';

import {IssueLine} from '../../hooks/use_open_command';
import type {useOpenCommand} from '../../hooks/use_open_command';
import type {PostTypeProps} from '../../types/mattermost';
import {themeVariables} from '../../utils/theme';

type CardFrameProps = Pick<PostTypeProps, 'theme' | 'compactDisplay' | 'isRHS'> & {
    modifier: string;
    testId: string;
    icon: ReactNode;
    status?: string;
    children: ReactNode;
};

export function CardFrame({modifier, testId, icon, status, theme, compactDisplay, isRHS, children}: CardFrameProps) {
    const classes = ['plugnmeet-card', `plugnmeet-card--${modifier}`];
    if (compactDisplay) {
        classes.push('plugnmeet-card--compact');
    }
    if (isRHS) {
        classes.push('plugnmeet-card--rhs');
    }
    return (
        <div
            className={classes.join(' ')}
            style={themeVariables(theme)}
            data-testid={testId}
            data-status={status}
        >
            <div className='plugnmeet-card__icon'>{icon}</div>
            <div className='plugnmeet-card__body'>{children}</div>
        </div>
    );
}

type CardActionProps = {
    command: ReturnType<typeof useOpenCommand>;
    onClick: () => void;
    disabledReason: string;

    // A hint shown beside an enabled button.
    note?: string;
    children: ReactNode;
};

export function CardAction({command, onClick, disabledReason, note, children}: CardActionProps) {
    return (
        <div className='plugnmeet-card__actions'>
            <button
                type='button'
                className='plugnmeet-button'
                onClick={onClick}
                disabled={Boolean(disabledReason) || command.pending}
                aria-busy={command.pending}
                title={disabledReason || undefined}
            >
                {children}
            </button>
            {(disabledReason || note) && <span className='plugnmeet-card__hint'>{disabledReason || note}</span>}
            <IssueLine
                issue={command.issue}
                onLinkClick={command.clearIssue}
            />
        </div>
    );
}

// A post shown as plain text: for custom_plugnmeet posts not written by the bot, and as the
// fallback when a card fails to render. No react-intl and no theme, so it cannot fail the
// same way; the optional button label comes already translated.
import React from 'react';

import type {Post} from '@mattermost/types/posts';

export type PlainAction = {label: string; onClick: () => void};

export function PlainPost({post, action}: {post: Partial<Post> | null | undefined; action?: PlainAction}) {
    const message = typeof post?.message === 'string' ? post.message : '';
    return (
        <div
            className='plugnmeet-plain-post'
            data-testid='plugnmeet-plain-post'
        >
            {message && <p className='plugnmeet-plain-post__message'>{message}</p>}
            {action && (
                <button
                    type='button'
                    className='plugnmeet-plain-post__button'
                    onClick={action.onClick}
                >
                    {action.label}
                </button>
            )}
        </div>
    );
}

// Whether a post was written by the plugnmeet bot: true, false, or undefined while the bot's
// id is still being looked up. Plain useState/useEffect, so it runs on React 17 and 18 alike.
import {useEffect, useReducer, useRef} from 'react';

import type {Post} from '@mattermost/types/posts';

import type {BotIdentity} from '../stores/bot_identity';

export function isBotPost(identity: BotIdentity, post: Partial<Post> | null | undefined): boolean | undefined {
    const botId = identity.current();
    if (botId === undefined) {
        return undefined;
    }
    return botId !== null && typeof post?.user_id === 'string' && post.user_id === botId;
}

export function useBotAuthor(identity: BotIdentity, post: Partial<Post> | null | undefined): boolean | undefined {
    const [, rerender] = useReducer((n: number) => n + 1, 0);
    const author = isBotPost(identity, post);
    const rendered = useRef(author);
    rendered.current = author;
    useEffect(() => {
        const unsubscribe = identity.subscribe(rerender);
        identity.resolve();

        // The answer may have arrived between this render and the subscription.
        if (isBotPost(identity, post) !== rendered.current) {
            rerender();
        }
        return unsubscribe;
    }, [identity, post]);
    return author;
}

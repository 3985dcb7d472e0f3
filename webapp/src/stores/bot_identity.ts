// Who the plugnmeet bot is. Only its posts become meeting and recording cards: anyone can
// post a custom_plugnmeet post with props they chose (including a refresh action URL every
// viewer's browser would call, or a call that rings), so a card from anyone else renders as plain
// text. The bot is the *bot account* named plugnmeet (is_bot): a person who took the name is not.
import {createListeners} from './listeners';

import {ClientError} from '../client/client';
import type {Client} from '../client/client';
import {findBotIdByUsername} from '../selectors/state';

/** The username `npm run setup` gives the bot. */
export const BOT_USERNAME = 'plugnmeet';

// After a failed look-up (not a 404), wait this long before asking the server again.
const RETRY_AFTER_MS = 60 * 1000;

export type BotIdentity = {

    /** The bot's user id; null when the server has no such user; undefined while unknown. */
    current(): string | null | undefined;

    /** Asks the server once, when the redux store does not already have the profile. */
    resolve(): void;
    subscribe(listener: () => void): () => void;
    dispose(): void;
};

export function createBotIdentity({client, getState, now = Date.now}: {client: Client; getState: () => unknown; now?: () => number}): BotIdentity {
    let known: string | null | undefined;
    let inFlight = false;
    let failedAt = -Infinity;
    let disposed = false;
    const listeners = createListeners();

    const current = () => {
        if (known === undefined || known === null) {
            const fromStore = findBotIdByUsername(getState(), BOT_USERNAME);
            if (fromStore) {
                known = fromStore;
            }
        }
        return known;
    };
    const settle = (value: string | null | undefined) => {
        inFlight = false;
        if (disposed) {
            return;
        }
        known = value;
        listeners.emit();
    };

    return {
        current,
        resolve() {
            if (disposed || current() !== undefined || inFlight || now() - failedAt < RETRY_AFTER_MS) {
                return;
            }
            inFlight = true;
            client.getUserByUsername(BOT_USERNAME).then((user) => {
                settle(typeof user.id === 'string' && user.id && user.is_bot === true ? user.id : null);
            }, (error: unknown) => {
                if (error instanceof ClientError && error.status === 404) {
                    settle(null);
                    return;
                }
                failedAt = now();
                settle(undefined);
            });
        },
        subscribe: listeners.subscribe,
        dispose() {
            disposed = true;
            listeners.clear();
        },
    };
}

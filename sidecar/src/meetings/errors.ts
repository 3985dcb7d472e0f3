// Errors the domain raises for people rather than for logs.
import type {Meeting} from '../store/store.js';
import {english, type MessageId, type Translate, type Values} from './i18n.js';

/**
 * A problem the user can act on: a message of the catalogues, shown to them in their language
 * (`in`); `message` is the English text, for logs and tests.
 */
export class UserError extends Error {
    constructor(readonly id: MessageId, readonly values: Values = {}, readonly meeting?: Meeting) {
        super(english(id, values));
        this.name = 'UserError';
    }

    in(t: Translate): string {
        return t(this.id, this.values);
    }

    /** The same error, its `message` in the reader's language (for the route, which shows it as is). */
    localized(t: Translate): UserError {
        const e = new UserError(this.id, this.values, this.meeting);
        e.message = this.in(t);
        return e;
    }
}

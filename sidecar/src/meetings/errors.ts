// Errors the domain raises for people rather than for logs.
import type {Meeting} from '../store/store.js';

/** A problem the user can act on; its message is shown to them as is. */
export class UserError extends Error {
    constructor(message: string, readonly meeting?: Meeting) {
        super(message);
        this.name = 'UserError';
    }
}

// Who is who, for what the sidecar says: a person's name as Mattermost shows it and the language
// they read, through the Mattermost adapter's cached lookup. When Mattermost does not answer, the
// username and English do: nothing fails for want of a name.
import type {FastifyBaseLogger} from 'fastify';
import type {Mattermost} from '../mattermost/bot.js';
import {translator, type Translate} from './i18n.js';

export interface Person {
    userId: string;
    username: string;
    /** The name as Mattermost shows it (TeammateNameDisplay): user text, made inert where posted. */
    name: string;
    locale: string;
    t: Translate;
    /** System roles as Mattermost gave them; '' when it did not answer (`known` false). */
    roles: string;
    known: boolean;
    /** Their Mattermost time zone (IANA); UTC when unset or unknown. */
    zone: string;
}

export const isGuest = (p: Person) => p.roles.split(' ').includes('system_guest');
export const isSystemAdmin = (p: Person) => p.roles.split(' ').includes('system_admin');

export function createPeople(mattermost: Pick<Mattermost, 'profile' | 'profileByUsername'>, log: FastifyBaseLogger) {
    const person = (userId: string, username: string, name: string, locale: string, roles?: string, zone = 'UTC'): Person =>
        ({userId, username, name: name || username, locale, t: translator(locale), roles: roles ?? '', known: roles !== undefined, zone});

    return {
        async byId(userId: string, username: string): Promise<Person> {
            try {
                const p = await mattermost.profile(userId);
                return person(userId, username || p.username, p.displayName, p.locale, p.roles, p.zone);
            } catch (err) {
                log.debug({err: String(err), userId}, 'could not look up a user; using the username and English');
                return person(userId, username, username, '');
            }
        },

        /** Someone known by username only; their name as shown, or the username. */
        async nameOf(username: string): Promise<string> {
            const p = await mattermost.profileByUsername(username).catch(() => undefined);
            return p?.displayName || username;
        },
    };
}

export type People = ReturnType<typeof createPeople>;

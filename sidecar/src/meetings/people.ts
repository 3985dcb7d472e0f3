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

/**
 * Mattermost's username rule (server/public/model/user.go IsValidUsername: 1 to 64 of a-z 0-9 . - _,
 * not a restricted name; a remote user's may hold ':'), and not `here`, which Mattermost reads as a
 * channel-wide mention.
 */
export function isUsername(name: string): boolean {
    return /^[a-z0-9._:-]{1,64}$/.test(name) && !['all', 'channel', 'matterbot', 'system', 'here'].includes(name);
}

export const isGuest = (p: Person) => p.roles.split(' ').includes('system_guest');
export const isSystemAdmin = (p: Person) => p.roles.split(' ').includes('system_admin');

export function createPeople(mattermost: Pick<Mattermost, 'profile' | 'profileByUsername'>, log: FastifyBaseLogger) {
    const person = (userId: string, username: string, name: string, locale: string, roles?: string, zone = 'UTC'): Person =>
        ({userId, username, name: name || username, locale, t: translator(locale), roles: roles ?? '', known: roles !== undefined, zone});

    return {
        /**
         * `username` is the request's word (a command's user_name, a click's): used only when
         * Mattermost does not answer, and only if it could be a username, as it is written `@name`.
         */
        async byId(userId: string, username: string): Promise<Person> {
            try {
                const p = await mattermost.profile(userId);
                return person(userId, p.username, p.displayName, p.locale, p.roles, p.zone);
            } catch (err) {
                log.debug({err: String(err), userId}, 'could not look up a user; using the username and English');
                const name = isUsername(username) ? username : userId;
                return person(userId, name, name, '');
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

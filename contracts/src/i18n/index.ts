// The four catalogues, one source for the webapp (react-intl) and the sidecar (intl-messageformat,
// react-intl's own engine): ICU MessageFormat, English as the source of the ids.
import de from './de.js';
import en from './en.js';
import es from './es.js';
import fr from './fr.js';
import type {Catalogue} from './types.js';

export type {Catalogue, MessageId} from './types.js';

export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

export const catalogues: Readonly<Record<Locale, Catalogue>> = {en, de, fr, es};

/** Mattermost locales look like "de" or "pt-BR": the base language when we have it, else English. */
export function pickLocale(locale: unknown): Locale {
    const normalized = String(locale || '').toLowerCase();
    const base = normalized.split(/[-_]/)[0];
    return (LOCALES as readonly string[]).includes(normalized) ? normalized as Locale :
        (LOCALES as readonly string[]).includes(base) ? base as Locale : 'en';
}

export const LOCALES = ['en', 'de', 'fr', 'es'] as const;
export type Locale = (typeof LOCALES)[number];

/** Mattermost locales look like "de" or "pt-BR": the base language when we have it, else English. */
export function pickLocale(locale: unknown): Locale {
    const normalized = String(locale || '').toLowerCase();
    const base = normalized.split(/[-_]/)[0];
    if ((LOCALES as readonly string[]).includes(normalized)) {
        return normalized as Locale;
    }
    return (LOCALES as readonly string[]).includes(base) ? base as Locale : 'en';
}

// Translations registered with Mattermost, plus typed message descriptors whose English
// default comes from en.json, so the English text lives in exactly one place.
import type {MessageDescriptor} from 'react-intl';

import de from './de.json';
import en from './en.json';
import es from './es.json';
import fr from './fr.json';

import type {Translations} from '../types/mattermost';

export type MessageId = keyof typeof en;

export const translations: Record<string, Translations> = {en, de, fr, es};

/** Mattermost locales look like "de" or "pt-BR"; fall back to the base language, then English. */
export function getTranslations(locale: string): Translations {
    const normalized = String(locale || '').toLowerCase();
    return translations[normalized] ?? translations[normalized.split(/[-_]/)[0]] ?? en;
}

export function msg(id: MessageId): MessageDescriptor & {id: MessageId; defaultMessage: string} {
    return {id, defaultMessage: en[id]};
}

// The webapp's door to the translations: the four catalogues live in @plugnmeet/contracts, shared
// with the sidecar (one source; the webapp's bundle takes only its own messages), registered with
// Mattermost here; and typed message descriptors whose English default comes from the English
// catalogue, so the English text lives in one place.
import {pickLocale, webappCatalogues} from '@plugnmeet/contracts';
import type {WebappMessageId as MessageId} from '@plugnmeet/contracts';
import type {MessageDescriptor} from 'react-intl';

import type {Translations} from '../types/mattermost';

export type {MessageId};

export const translations: Record<string, Translations> = {...webappCatalogues};

/** Mattermost locales look like "de" or "pt-BR"; fall back to the base language, then English. */
export function getTranslations(locale: string): Translations {
    return translations[pickLocale(locale)];
}

export function msg(id: MessageId): MessageDescriptor & {id: MessageId; defaultMessage: string} {
    return {id, defaultMessage: webappCatalogues.en[id]};
}

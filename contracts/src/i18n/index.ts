// The four catalogues, one source for the webapp (react-intl) and the sidecar (intl-messageformat,
// react-intl's own engine): ICU MessageFormat, English as the source of the ids. Each language is
// two modules, the webapp's messages and the sidecar's; `catalogues` has both (the sidecar, tests).
import enSidecar from './sidecar/en.js';
import deSidecar from './sidecar/de.js';
import esSidecar from './sidecar/es.js';
import frSidecar from './sidecar/fr.js';
import type {Locale} from './locales.js';
import type {Catalogue} from './types.js';
import {webappCatalogues} from './webapp.js';

export {LOCALES, pickLocale} from './locales.js';
export type {Locale} from './locales.js';
export type {Catalogue, MessageId, SidecarCatalogue, SidecarMessageId, WebappCatalogue, WebappMessageId} from './types.js';
export {webappCatalogues} from './webapp.js';

const sidecar = {en: enSidecar, de: deSidecar, fr: frSidecar, es: esSidecar};

export const catalogues: Readonly<Record<Locale, Catalogue>> = {
    en: {...webappCatalogues.en, ...sidecar.en},
    de: {...webappCatalogues.de, ...sidecar.de},
    fr: {...webappCatalogues.fr, ...sidecar.fr},
    es: {...webappCatalogues.es, ...sidecar.es},
};

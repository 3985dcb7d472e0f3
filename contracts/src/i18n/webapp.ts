// The webapp's catalogues alone: what its bundle carries.
import de from './de.js';
import en from './en.js';
import es from './es.js';
import fr from './fr.js';
import type {Locale} from './locales.js';
import type {WebappCatalogue} from './types.js';

export const webappCatalogues: Readonly<Record<Locale, WebappCatalogue>> = {en, de, fr, es};

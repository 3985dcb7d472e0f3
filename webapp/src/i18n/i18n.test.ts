import {createIntl} from 'react-intl';

import {getTranslations, translations} from '.';

// ICU arguments ({name}, {count, plural, ...}) a translation must keep.
function argumentsOf(message: string): string[] {
    return [...new Set([...message.matchAll(/\{\s*([a-zA-Z_]+)\s*[,}]/g)].map((m) => m[1]))].sort();
}

describe('translations', () => {
    const english = translations.en;
    const locales = ['de', 'fr', 'es'];

    it.each(locales)('%s has exactly the English keys', (locale) => {
        expect(Object.keys(translations[locale]).sort()).toEqual(Object.keys(english).sort());
    });

    it.each(locales)('%s keeps the ICU arguments and every message formats', (locale) => {
        const errors: unknown[] = [];
        const intl = createIntl({locale, messages: translations[locale], onError: (e) => errors.push(e)});
        for (const [id, message] of Object.entries(translations[locale])) {
            expect([id, argumentsOf(message)]).toEqual([id, argumentsOf(english[id])]);
            intl.formatMessage({id}, {count: 2, username: 'u', time: 't', duration: 'd', message: 'm'});
        }
        expect(errors).toEqual([]);
    });

    it.each(locales)('%s is actually translated', (locale) => {
        const same = Object.keys(english).filter((id) => translations[locale][id] === english[id]);

        // Words that are the same in the language ("Live" in German) are allowed, but only a few.
        expect(same.length).toBeLessThanOrEqual(2);
    });

    it('picks the base language for regional locales and English otherwise', () => {
        expect(getTranslations('de')).toBe(translations.de);
        expect(getTranslations('es-ES')).toBe(translations.es);
        expect(getTranslations('fr_CA')).toBe(translations.fr);
        expect(getTranslations('ja')).toBe(english);
        expect(getTranslations(undefined as unknown as string)).toBe(english);
    });
});

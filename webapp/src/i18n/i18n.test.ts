import {catalogues, webappCatalogues} from '@plugnmeet/contracts';
import {createIntl} from 'react-intl';

import {getTranslations, msg, translations} from '.';

// ICU arguments ({name}, {count, plural, ...}) a translation must keep.
function argumentsOf(message: string): string[] {
    return [...new Set([...message.matchAll(/\{\s*([a-zA-Z_]+)\s*[,}]/g)].map((m) => m[1]))].sort();
}

// Messages that read the same in a language (units, "Meeting" in German): few, and named.
// "+{count}" (more faces on a card) reads the same everywhere; "Person" is German too.
const EVERYWHERE = ['plugnmeet.card.people_more', 'plugnmeet.post.people_more'];
const SAME_AS_ENGLISH: Record<string, string[]> = {
    de: [...EVERYWHERE, 'plugnmeet.recap_card.person', 'plugnmeet.reply.recording_line', 'plugnmeet.options.lock_chat', 'plugnmeet.schedule.list_line'],
    fr: [...EVERYWHERE, 'plugnmeet.card.participants', 'plugnmeet.duration.minutes', 'plugnmeet.duration.hours_minutes', 'plugnmeet.post.refresh', 'plugnmeet.dialog.date'],
    es: [...EVERYWHERE, 'plugnmeet.reply.recording_line', 'plugnmeet.duration.minutes', 'plugnmeet.duration.hours_minutes', 'plugnmeet.options.lock_chat', 'plugnmeet.schedule.list_line'],
};

describe('translations', () => {
    // Every message, the sidecar's too: both read the same four catalogues.
    const all: Record<string, Record<string, string>> = catalogues;
    const english = all.en;
    const locales = ['de', 'fr', 'es'];

    it('are the shared catalogues of @plugnmeet/contracts (one source for the webapp and the sidecar)', () => {
        // The webapp registers its own part only (the bundle carries no sidecar message).
        expect(translations.de).toBe(webappCatalogues.de);
        expect(Object.keys(catalogues.de)).toEqual(expect.arrayContaining(Object.keys(translations.de)));
        expect(Object.keys(translations.en).some((id) => id.startsWith('plugnmeet.reply.'))).toBe(false);
        expect(msg('plugnmeet.card.join').defaultMessage).toBe(catalogues.en['plugnmeet.card.join']);
    });

    it.each(locales)('%s has exactly the English keys', (locale) => {
        expect(Object.keys(all[locale]).sort()).toEqual(Object.keys(english).sort());
    });

    it.each(['en', ...locales])('%s keeps the ICU arguments and every message formats', (locale) => {
        const errors: unknown[] = [];
        const intl = createIntl({locale, messages: all[locale], onError: (e) => errors.push(e)});
        for (const [id, message] of Object.entries(all[locale])) {
            const args = argumentsOf(message);
            expect([id, args]).toEqual([id, argumentsOf(english[id])]);

            // The sidecar formats markdown, where `<` starts no tag (sidecar/src/meetings/i18n.ts: ignoreTag).
            const ignoreTag = !(id in webappCatalogues.en);
            intl.formatMessage({id}, Object.fromEntries(args.map((a) => [a, a === 'count' ? 2 : a])), {ignoreTag});
        }
        expect(errors).toEqual([]);
    });

    it.each(locales)('%s is actually translated', (locale) => {
        const same = Object.keys(english).filter((id) => all[locale][id] === english[id]);
        expect(same.filter((id) => !SAME_AS_ENGLISH[locale].includes(id) && id !== 'plugnmeet.card.participants')).toEqual([]);
    });

    it('reads well: no "at most", "Started {time}", mixed German participant nouns, "En vivo" or "En direct"', () => {
        expect(english['plugnmeet.card.peak_participants']).toMatch(/^Peak: /);
        expect(english['plugnmeet.card.started_at']).toBe('Started at {time}');
        expect(Object.values(all.de).join('\n')).not.toMatch(/Teilnehmer|Bitte deinen/);
        expect(all.es['plugnmeet.card.live']).not.toBe('En vivo');
        expect(all.fr['plugnmeet.card.live']).not.toBe('En direct');
        for (const message of Object.values(all.fr)) {
            expect(message).not.toMatch(/[ \u00a0][:;]/);
        }
    });

    it('picks the base language for regional locales and English otherwise', () => {
        expect(getTranslations('de')).toBe(translations.de);
        expect(getTranslations('es-ES')).toBe(translations.es);
        expect(getTranslations('fr_CA')).toBe(translations.fr);
        expect(getTranslations('ja')).toBe(translations.en);
        expect(getTranslations(undefined as unknown as string)).toBe(translations.en);
    });
});

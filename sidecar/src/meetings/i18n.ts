// What the sidecar says, in the reader's language: the catalogues of @plugnmeet/contracts (the
// webapp's too), formatted with intl-messageformat (react-intl's own engine), so `{name}` and
// plurals read the same on both sides. Values are inserted as they are: user text is made inert
// by the caller first (cards/render.ts inert).
import {catalogues, pickLocale, type Locale, type MessageId} from '@plugnmeet/contracts';
import {IntlMessageFormat} from 'intl-messageformat';

export type {Locale, MessageId};

/** A message made of other messages: `reason` in "Could not start the meeting: {reason}". */
export interface Message {
    id: MessageId;
    values?: Values;
}
export type Values = Record<string, string | number | Message>;

export type Translate = (id: MessageId, values?: Values) => string;

const formats = new Map<string, IntlMessageFormat>();

function format(locale: Locale, id: MessageId): IntlMessageFormat {
    const key = `${locale}\u0000${id}`;
    let f = formats.get(key);
    if (!f) {
        // ignoreTag: markdown, not rich text; `<` never starts a tag.
        f = new IntlMessageFormat(catalogues[locale][id], locale, undefined, {ignoreTag: true});
        formats.set(key, f);
    }
    return f;
}

const translators = new Map<Locale, Translate>();

/** The formatter for a Mattermost locale ("de", "pt-BR", ""): its language, else English. One per language. */
export function translator(mattermostLocale: string): Translate {
    const locale = pickLocale(mattermostLocale);
    let t = translators.get(locale);
    if (!t) {
        // A message without values reads the same every time (button labels, headings): formatted once.
        const fixed = new Map<MessageId, string>();
        const own: Translate = (id, values) => {
            if (!values) {
                let text = fixed.get(id);
                if (text === undefined) {
                    text = String(format(locale, id).format());
                    fixed.set(id, text);
                }
                return text;
            }
            const resolved: Record<string, string | number> = {};
            for (const [k, v] of Object.entries(values)) {
                resolved[k] = typeof v === 'object' ? own(v.id, v.values) : v;
            }
            return String(format(locale, id).format(resolved));
        };
        t = own;
        translators.set(locale, t);
    }
    return t;
}

export const english = translator('en');

// Test helper: is text that the sidecar puts into Mattermost markdown (post messages, attachment
// titles and texts) inert? Read with CommonMark (what Mattermost mobile and the server's mention
// parser use) and marked (the webapp's renderer family).
import assert from 'node:assert/strict';
import {Parser} from 'commonmark';
import {marked} from 'marked';

const parser = new Parser();

// What must never survive in the text a reader sees: bare URLs and e-mail addresses (autolinked),
// domain names, hashtags, channel links and emoji.
export const LINKISH = /[a-z][a-z0-9+.-]*:\/\/|\b(?:mailto|tel|mattermost):|www\.|[\p{L}\p{N}_.+-]@[\p{L}\p{N}]|[\p{L}\p{N}-]\.\p{L}{2}|#[\p{L}\p{N}]|~[\p{L}\p{N}]|:[\p{L}\p{N}_+-]+:/iu;

/**
 * The text a reader sees; fails on anything but one paragraph of text, with exactly `strong`
 * bold parts and `code` code spans of our own.
 */
export function renderedText(md: string, strong = 0, code = 0): string {
    const walker = parser.parse(md).walker();
    let text = '';
    const seen = {strong: 0, code: 0};
    for (let e = walker.next(); e; e = walker.next()) {
        const node = e.node;
        if (!e.entering) {
            continue;
        }
        assert.ok(['document', 'paragraph', 'text', 'strong', 'code'].includes(node.type), `${node.type} in ${JSON.stringify(md)}`);
        if (node.type === 'paragraph') {
            assert.equal(node.prev, null, `one paragraph: ${JSON.stringify(md)}`);
        }
        seen.strong += node.type === 'strong' ? 1 : 0;
        seen.code += node.type === 'code' ? 1 : 0;
        text += node.type === 'code' ? '' : node.literal ?? '';
    }
    assert.deepEqual(seen, {strong, code}, `formatting in ${JSON.stringify(md)}`);

    const html = marked.parse(md, {gfm: true, async: false});
    const tags = html.match(/<\/?[a-z][a-z0-9]*/gi) ?? [];
    assert.ok(tags.every((t) => /^<\/?(p|strong|code)$/.test(t)), html);
    assert.equal(tags.filter((t) => t === '<strong').length, strong, html);
    assert.equal(tags.filter((t) => t === '<code').length, code, html);
    return text;
}

/**
 * Inert: no formatting beyond our own bold, no links or autolinks, one line, and no mention
 * except the ones named (the starter's `@username`, which the card means to show).
 */
export function assertInert(md: string, o: {strong?: number; code?: number; mentions?: string[]} = {}): string {
    assert.doesNotMatch(md, /[\r\n\u2028\u2029]/, 'one line');
    const text = renderedText(md, o.strong ?? 0, o.code ?? 0);
    const allowed = o.mentions ?? [];
    // Like the server's parser: a mention is @ followed by name characters; trailing . - _ are dropped.
    const mentions = (text.match(/@[\p{L}\p{N}._-]+/gu) ?? []).map((m) => m.replace(/[._-]+$/, ''));
    assert.ok(mentions.every((m) => allowed.includes(m)), `mentions ${mentions.join(' ')} in ${JSON.stringify(md)}`);
    let rest = text;
    for (const m of allowed) {
        rest = rest.split(m).join(' ');
    }
    assert.doesNotMatch(rest, LINKISH, JSON.stringify(md));
    return text;
}

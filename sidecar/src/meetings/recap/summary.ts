// The AI summary (plugNmeet-server v2.4.0 pkg/models/artifact_summary.go): `Meeting Summary for:
// <room_id>`, `---`, then HTML written by a model (providers/google/summarize.go asks for <h3>, <ul>,
// <li>, <p>, <strong>). Untrusted markup: converted to Markdown with Turndown, keeping structure and
// emphasis only: no raw HTML, no links or images (nothing fetched, nothing that pings), and every text
// made inert for Mattermost's mention, channel-link, emoji and autolink parsers.
import type TurndownService from 'turndown';
import {onFirstUse} from '../../shared/on-first-use.js';

const HEADER = /^\s*Meeting Summary for:[^\n]*\n+---\n+/;

/** Elements dropped with their content: nothing in them is meant to be read. */
const DROPPED = new Set(['script', 'style', 'img', 'picture', 'svg', 'math', 'iframe', 'object', 'embed', 'video', 'audio', 'canvas', 'form',
    'input', 'button', 'select', 'textarea', 'head', 'title', 'meta', 'link', 'noscript', 'template']);

/** Text as plain words for Mattermost: what triggers a mention, a link or an emoji is broken by a zero-width space. */
function inertText(text: string): string {
    return text
        .replace(/[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/gu, (c) => (c === '\n' ? '\n' : ' '))
        .replace(/[@#~]/g, '$&\u200B')
        .replace(/:/g, '\u200B:\u200B')
        .replace(/\.(?=[\p{L}\p{N}])/gu, '\u200B.')
        .replace(/&(?=#?[A-Za-z0-9]+;)/g, '&amp;')
        .replace(/</g, '&lt;');
}

/** Turndown and the DOM parser it brings are loaded with the first summary (a meeting's end, where the recap is on). */
const loadTurndown = onFirstUse<typeof TurndownService>('turndown');
let converter: TurndownService | undefined;

function buildConverter(): TurndownService {
    const Turndown = loadTurndown();
    const turndown = new Turndown({headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'indented', hr: '---', emDelimiter: '_'});
    const markdownEscape = turndown.escape.bind(turndown);
    turndown.escape = (text: string) => inertText(markdownEscape(text).replace(/[|]/g, '\\$&'));
    // A rule, not remove(): Turndown's own rules (images) are tried before its removals.
    turndown.addRule('dropped', {filter: (node) => DROPPED.has(node.nodeName.toLowerCase()), replacement: () => ''});
    // A link keeps its words, not its target; code keeps its text, escaped like any other.
    turndown.addRule('linkText', {filter: 'a', replacement: (content) => content});
    turndown.addRule('codeAsText', {
        filter: (node) => node.nodeName === 'CODE' || node.nodeName === 'PRE',
        replacement: (_content, node) => turndown.escape((node as {textContent?: string | null}).textContent ?? ''),
    });
    // Headings a model writes become bold lines: the post's own heading stays the only one.
    turndown.addRule('headingAsBold', {
        filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
        replacement: (content) => (content.trim() ? `\n\n**${content.trim()}**\n\n` : ''),
    });
    return turndown;
}

/** The summary file's body as Markdown that Mattermost shows as text (no HTML, no links, nobody pinged). */
export function summaryMarkdown(file: string): string {
    const html = file.replace(HEADER, '');
    converter ??= buildConverter();
    return converter.turndown(html).replace(/\n{3,}/g, '\n\n').trim();
}

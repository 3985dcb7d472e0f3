// What participants see of a room's title and welcome message, as plugNmeet-client draws them:
// - room_title as text: a React text node in the header (src/components/header/index.tsx) and
//   document.title (src/helpers/nats/HandleRoomData.ts setWindowTitle), 2.0 to 2.4;
// - welcome_message as HTML: the chat's "system" line (HandleRoomData.ts publishWelcomeMessage, drawn
//   by SystemMessage in src/components/chat/messages/message/messageTypes.tsx), with
//   dangerouslySetInnerHTML in 2.0 to 2.3 (tag v2.3.0), after sanitize-html in 2.4. The raw
//   innerHTML of 2.0 to 2.3 is the stricter: parsed here as a browser parses innerHTML (parse5).
import { parseFragment } from 'parse5';
import type { FakeRoom } from './types.js';

export interface ShownWelcome {
  /** The text a participant reads; a <br> reads as a line break. */
  text: string;
  /** Every element the HTML makes (tag names), and every attribute as `tag[name]`. */
  elements: string[];
}

interface Node { nodeName: string; value?: string; tagName?: string; attrs?: Array<{ name: string }>; childNodes?: Node[] }

export function shownInMeeting(room: FakeRoom): { title: string; welcome?: ShownWelcome } {
  const html: unknown = room.metadata.welcome_message;
  if (typeof html !== 'string' || html === '') return { title: room.room_title };
  const shown: ShownWelcome = { text: '', elements: [] };
  const walk = (n: Node) => {
    if (n.nodeName === '#text') shown.text += n.value ?? '';
    if (n.tagName) {
      shown.elements.push(n.tagName, ...(n.attrs ?? []).map((a) => `${n.tagName}[${a.name}]`));
      if (n.tagName === 'br') shown.text += '\n';
    }
    (n.childNodes ?? []).forEach(walk);
  };
  walk(parseFragment(html) as unknown as Node);
  return { title: room.room_title, welcome: shown };
}

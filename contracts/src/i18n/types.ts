import type en from './en.js';

/** A message id: every key of the English catalogue. */
export type MessageId = keyof typeof en;
/** A translation: every message id, no other. A missing or extra key breaks the build. */
export type Catalogue = {readonly [K in MessageId]: string};

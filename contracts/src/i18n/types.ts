import type en from './en.js';
import type enSidecar from './sidecar/en.js';

/** The webapp's message ids: every key of its English catalogue. */
export type WebappMessageId = keyof typeof en;
/** The sidecar's message ids: every key of its English catalogue. */
export type SidecarMessageId = keyof typeof enSidecar;
export type MessageId = WebappMessageId | SidecarMessageId;

/** A translation: every message id, no other. A missing or extra key breaks the build. */
export type WebappCatalogue = {readonly [K in WebappMessageId]: string};
export type SidecarCatalogue = {readonly [K in SidecarMessageId]: string};
export type Catalogue = WebappCatalogue & SidecarCatalogue;

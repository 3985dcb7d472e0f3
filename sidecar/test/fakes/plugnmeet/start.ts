// startFakePlugnmeet: the FakePlugnmeet handle (its data, modes and test controls) behind one HTTP server.
import type { FakePlugnmeet } from './types.js';
import type { PlugnmeetVersion } from '../plugnmeet-rules.js';
import { startHttpServer } from './server.js';
import { endRoomExternally, joinParticipant, leaveParticipant } from './rooms.js';
import { addRecording } from './recordings.js';
import { buildEvent, sendWebhook } from './webhooks.js';

export async function startFakePlugnmeet(opts: { apiKey?: string; apiSecret?: string; version?: PlugnmeetVersion } = {}): Promise<FakePlugnmeet> {
  const apiKey = opts.apiKey ?? 'plugnmeet';
  const apiSecret = opts.apiSecret ?? 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';
  let close: () => Promise<void> = async () => {};
  const fake: FakePlugnmeet = {
    url: '', // set below, once the server listens
    version: opts.version ?? '2.4',
    apiKey,
    apiSecret,
    rooms: new Map(),
    pastRooms: [],
    calls: [],
    tokens: [],
    kicked: [],
    recordings: [],
    mode: 'ok',
    received: 0,
    delayMs: 0,
    setMode(m) {
      fake.mode = m;
    },
    joinParticipant: (roomId, userId, name) => joinParticipant(fake, roomId, userId, name),
    leaveParticipant: (roomId, userId) => leaveParticipant(fake, roomId, userId),
    endRoomExternally: (roomId) => endRoomExternally(fake, roomId),
    addRecording: (roomId, r) => addRecording(fake, roomId, r),
    buildEvent: (event, roomId, extra) => buildEvent(fake, event, roomId, extra),
    sendWebhook: (url, event, o = {}) => sendWebhook(url, event, { apiKey, apiSecret, ...o }),
    close: () => close(),
  };
  const server = await startHttpServer(fake);
  fake.url = server.url;
  close = server.close;
  return fake;
}

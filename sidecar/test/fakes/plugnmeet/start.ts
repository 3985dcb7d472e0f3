// startFakePlugnmeet: the FakePlugnmeet handle (its data, modes and test controls) behind one HTTP server.
import type { FakePlugnmeet } from './types.js';
import type { PlugnmeetVersion } from '../plugnmeet-rules.js';
import { SAMPLE_ROOM_DEFAULT_SETTINGS, type RoomDefaultSettings } from './room-features.js';
import { startHttpServer } from './server.js';
import { endRoomExternally, joinParticipant, leaveParticipant } from './rooms.js';
import { addRecording } from './recordings.js';
import { addArtifact } from './artifacts.js';
import { buildEvent, sendWebhook } from './webhooks.js';

export interface FakePlugnmeetOptions {
  apiKey?: string;
  apiSecret?: string;
  version?: PlugnmeetVersion;
  /**
   * The server's config.yaml `room_default_settings` (default: config_sample.yaml's, which changes
   * nothing): caps on max_participants, room_duration and breakout rooms, applied at every create
   * (room-features.ts applyRoomDefaultSettings). It cannot switch a room feature on or off.
   */
  roomDefaultSettings?: RoomDefaultSettings;
}

export async function startFakePlugnmeet(opts: FakePlugnmeetOptions = {}): Promise<FakePlugnmeet> {
  const roomDefaultSettings = { ...(opts.roomDefaultSettings ?? SAMPLE_ROOM_DEFAULT_SETTINGS) };
  if (roomDefaultSettings.max_participants === undefined) {
    // utils.SetDefaultRoomSettings dereferences MaxParticipants once max_num_breakout_rooms is set
    // (from the first create on): the real server panics (HTTP 500) on every create after that
    throw new Error('fake plugnmeet: roomDefaultSettings needs max_participants (0 = unlimited); plugNmeet 2.4 panics without it');
  }
  const apiKey = opts.apiKey ?? 'plugnmeet';
  const apiSecret = opts.apiSecret ?? 'zumyyYWqv7KR2kUqvYdq4z4sXg7XTBD2ljT6';
  let close: () => Promise<void> = async () => {};
  const fake: FakePlugnmeet = {
    url: '', // set below, once the server listens
    version: opts.version ?? '2.4',
    apiKey,
    apiSecret,
    rooms: new Map(),
    proxyHeaders: {},
    pastRooms: [],
    calls: [],
    tokens: [],
    kicked: [],
    recordings: [],
    artifacts: [],
    downloads: [],
    artifactRedirect: false,
    mode: 'ok',
    roomDefaultSettings,
    received: 0,
    delayMs: 0,
    setMode(m) {
      fake.mode = m;
    },
    joinParticipant: (roomId, userId, name) => joinParticipant(fake, roomId, userId, name),
    leaveParticipant: (roomId, userId) => leaveParticipant(fake, roomId, userId),
    endRoomExternally: (roomId) => endRoomExternally(fake, roomId),
    addRecording: (roomId, r) => addRecording(fake, roomId, r),
    addArtifact: (roomId, type, content) => addArtifact(fake, roomId, type, content),
    buildEvent: (event, roomId, extra) => buildEvent(fake, event, roomId, extra),
    sendWebhook: (url, event, o = {}) => sendWebhook(url, event, { apiKey, apiSecret, ...o }),
    close: () => close(),
  };
  const server = await startHttpServer(fake);
  fake.url = server.url;
  close = server.close;
  return fake;
}

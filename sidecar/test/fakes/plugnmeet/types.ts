// The fake plugNmeet's public types: rooms, participants, recordings and past sessions as it
// stores them, and the FakePlugnmeet handle tests drive.
import type { PlugnmeetVersion } from '../plugnmeet-rules.js';

export interface FakeParticipant {
  name: string;
  is_admin: boolean;
  sid: string;
  joined_at: number; // unix seconds
}

export interface FakeRoom {
  room_id: string;
  sid: string;
  room_title: string;
  is_running: boolean;
  creation_time: number; // unix seconds
  metadata: Record<string, any>; // as parsed (proto names), room_features merged over the server defaults
  webhook_url: string;
  max_participants: number;
  empty_timeout: number;
  participants: Map<string, FakeParticipant>;
  ended: boolean;
  ended_at?: number; // unix seconds
}

export interface FakeRecording {
  record_id: string;
  room_id: string;
  room_sid: string;
  file_size: number; // MB, a float like the real server
  creation_time: number; // unix seconds
  room_creation_time: number;
  file_path: string;
}

export interface PastRoom {
  room_title: string;
  room_id: string;
  room_sid: string;
  joined_participants: number;
  webhook_url: string;
  created: number; // unix seconds
  ended: number;
}

/** 'garbage': a proxy's HTML page with HTTP 200, where JSON was expected. */
export type PnmMode = 'ok' | 'error500' | 'drop' | 'garbage';

export interface FakePlugnmeet {
  url: string;
  version: PlugnmeetVersion;
  apiKey: string;
  apiSecret: string;
  rooms: Map<string, FakeRoom>; // current (or last) session per room_id
  pastRooms: PastRoom[]; // every ended session, oldest first
  /** Every authenticated request whose body was JSON, as sent (refused ones too). */
  calls: Array<{ path: string; body: any }>;
  tokens: Array<{ room_id: string; user_id: string; name: string; is_admin: boolean; token: string }>;
  kicked: Array<{ room_id: string; user_id: string }>; // duplicate-entry kicks (new token for an online user)
  recordings: FakeRecording[];
  mode: PnmMode;
  setMode(m: PnmMode): void;
  /** Requests that have arrived, answered or not (calls lists them once handled). */
  received: number;
  delayMs: number;
  joinParticipant(roomId: string, userId: string, name?: string): void;
  leaveParticipant(roomId: string, userId: string): void;
  endRoomExternally(roomId: string): void;
  addRecording(roomId: string, r?: { file_size?: number }): { record_id: string };
  /** A CommonNotifyEvent for `roomId` shaped like the real sender (EmitUnpopulated false). */
  buildEvent(event: string, roomId: string, extra?: { participant?: { identity: string; name?: string }; recordId?: string }): Record<string, unknown>;
  sendWebhook(
    url: string,
    event: Record<string, unknown>,
    opts?: { secret?: string; apiKey?: string; tamperBody?: boolean; omitAuth?: boolean },
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}


// The fake plugNmeet's public types: rooms, participants, recordings and past sessions as it
// stores them, and the FakePlugnmeet handle tests drive.
import type { PlugnmeetVersion } from '../plugnmeet-rules.js';
import type { LockSettings, RoomDefaultSettings } from './room-features.js';

export type { LockSettings, RoomDefaultSettings };

/**
 * The UserMetadata a join token's holder gets (pkg/models/user_join.go GetPNMJoinToken Step 8,
 * pkg/models/user_lock.go): what the server stores for them in NATS and sends to the clients. Not in
 * the JWT, whose claims are name, user_id, room_id, is_admin, is_hidden, client_type (Step 10).
 */
export interface UserMetadata {
  is_admin: boolean;
  /** The first admin to get a token while no online participant is presenter (user_presenter.go CreateNewPresenter). */
  is_presenter: boolean;
  /** A non-admin joining while waiting_room_features.is_active waits to be let in. */
  wait_for_approval: boolean;
  /** Only the fields that are set (each is an optional bool). */
  lock_settings: LockSettings;
}

export interface FakeParticipant {
  name: string;
  is_admin: boolean;
  sid: string;
  joined_at: number; // unix seconds
  /** From the last token issued to them; undefined for a participant seeded without one. */
  user_metadata?: UserMetadata;
}

export interface FakeRoom {
  room_id: string;
  sid: string;
  room_title: string;
  is_running: boolean;
  creation_time: number; // unix seconds
  /**
   * As parsed (proto names), then as the server completes it at creation (room-features.ts):
   * room_features merged over the defaults, default_lock_settings filled, room_default_settings applied.
   */
  metadata: Record<string, any>;
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

/** A row of pnm_room_artifacts (dbmodels/artifact.go) with its file's content, as the fake keeps it. */
export interface FakeArtifact {
  artifact_id: string;
  room_id: string;
  room_sid: string;
  type: import('./artifacts.js').ArtifactTypeName;
  created: number; // unix seconds
  /** '' for usage records, which have no file. */
  file_path: string;
  mime_type: string;
  content: string;
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
  /** Every join token issued, with the user_metadata the server stored for its holder. */
  tokens: Array<{ room_id: string; user_id: string; name: string; is_admin: boolean; token: string; user_metadata: UserMetadata }>;
  kicked: Array<{ room_id: string; user_id: string }>; // duplicate-entry kicks (new token for an online user)
  recordings: FakeRecording[];
  artifacts: FakeArtifact[];
  /** Artifact ids whose file was downloaded, in order. */
  downloads: string[];
  /** Downloads answer 307 to an object store, as with a download hook (artifact_handler.go). */
  artifactRedirect: boolean;
  mode: PnmMode;
  setMode(m: PnmMode): void;
  /**
   * Headers a reverse proxy in front of plugNmeet adds to its pages (X-Frame-Options, CSP); plugNmeet
   * itself sets none on the client it serves at "/" (pkg/app/router.go registerBaseRoutes).
   */
  proxyHeaders: Record<string, string>;
  /** The server config's room_default_settings in force (mutated by creates, as the server's is). */
  roomDefaultSettings: RoomDefaultSettings;
  /** Requests that have arrived, answered or not (calls lists them once handled). */
  received: number;
  delayMs: number;
  joinParticipant(roomId: string, userId: string, name?: string): void;
  leaveParticipant(roomId: string, userId: string): void;
  endRoomExternally(roomId: string): void;
  addRecording(roomId: string, r?: { file_size?: number }): { record_id: string };
  /** An artifact of the room's current (or last) session, and the artifact_created body plugNmeet sends for it. */
  addArtifact(roomId: string, type: import('./artifacts.js').ArtifactTypeName, content?: string): { artifact: FakeArtifact; event: Record<string, unknown> };
  /** A CommonNotifyEvent for `roomId` shaped like the real sender (EmitUnpopulated false). */
  buildEvent(event: string, roomId: string, extra?: { participant?: { identity: string; name?: string }; recordId?: string }): Record<string, unknown>;
  sendWebhook(
    url: string,
    event: Record<string, unknown>,
    opts?: { secret?: string; apiKey?: string; tamperBody?: boolean; omitAuth?: boolean },
  ): Promise<{ status: number; body: string }>;
  close(): Promise<void>;
}


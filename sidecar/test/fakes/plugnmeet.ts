// Fake plugNmeet server (the /auth JSON API + webhook sender) for sidecar tests.
// Behaviour follows plugNmeet-server v2.4.0 (the rules: plugnmeet-rules.ts; docs/development.md):
// HMAC of the RAW body; requests read like parseAndValidateRequest (protojson with
// DiscardUnknown, then protovalidate with the published rules: ./plugnmeet-rules.ts);
// responses in snake_case, every field present, int64 as strings, enums as names;
// business errors as HTTP 200 + status:false, auth errors as HTTP 401.
// `version` makes it an older server: '1.x' refuses an object extra_data.
//
// Each rule lives in ./plugnmeet/, in the module its concern names:
//   server.ts          HTTP: failure modes, routing, auth before the router, request validation, errors
//   auth.ts            API-KEY + HASH-SIGNATURE, POST /api/verifyToken
//   rooms.ts           create, join tokens and the joiner's user_metadata, active room info, end, past rooms; participants (seeding)
//   room-features.ts   what creation makes of the metadata: default features, lock settings, room_default_settings
//   recordings.ts      recording list, download tokens, info; addRecording (seeding)
//   artifacts.ts       artifact list, info, download tokens, GET /download/artifact/<token>; addArtifact (seeding)
//   webhooks.ts        event bodies and their signed delivery
//   responses.ts       response envelopes and the protojson shapes of rooms, participants, recordings
//   participant-view.ts what participants see of the title and the welcome (plugNmeet-client's rendering)
//   request-fields.ts, clock.ts, types.ts, start.ts: shared pieces and assembly
// The request rules (descriptors, 2.x patches, protovalidate) are ./plugnmeet-rules.ts, its
// protojson reader ./plugnmeet/protojson.ts; the JWTs are signed with jose (./jwt.ts).
export type { PlugnmeetVersion } from './plugnmeet-rules.js';
export type {
  FakeArtifact, FakeParticipant, FakePlugnmeet, FakeRecording, FakeRoom, LockSettings, PastRoom, PnmMode, RoomDefaultSettings, UserMetadata,
} from './plugnmeet/types.js';
export type { FakePlugnmeetOptions } from './plugnmeet/start.js';
export { FAKE_SERVER_VERSIONS } from './plugnmeet/auth.js';
export { startFakePlugnmeet } from './plugnmeet/start.js';
export { shownInMeeting, type ShownWelcome } from './plugnmeet/participant-view.js';
export { analyticsFile, analyticsProceeded, type ArtifactTypeName } from './plugnmeet/artifacts.js';

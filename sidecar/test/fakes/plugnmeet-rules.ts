// How plugNmeet-server reads an /auth request body (pkg/controllers/analytics.go
// parseAndValidateRequest, v2.4.0): protojson with DiscardUnknown, then protovalidate; any
// error is answered HTTP 200, status:false, INVALID_PARAMETERS, msg = err.Error().
//
// The message layouts and their buf.validate rules come from the published descriptors
// (npm plugnmeet-protocol-js 1.0.16-3, the only version on npm; built from protocol commit
// 033b555, April 2025, i.e. the 1.x layout). Server 2.x pins protocol v1.1.0 (2.0) through
// v1.5.0 (2.4); what changed since 033b555 in the messages the sidecar sends is patched in
// PATCHES_2X below, each with its source. Unpatched descriptors are the 1.x server.
// The protojson reader (decode.go's checks and messages) is ./plugnmeet/protojson.ts.
import {createRequire} from 'node:module';
import {create, createFileRegistry, fromBinary, fromJson, toJson, type DescMessage} from '@bufbuild/protobuf';
import {pathToString} from '@bufbuild/protobuf/reflect';
import {
    DescriptorProtoSchema, FieldDescriptorProto_Label, FieldDescriptorProto_Type, FieldDescriptorProtoSchema,
    FileDescriptorProtoSchema, FileDescriptorSetSchema, MessageOptionsSchema, OneofDescriptorProtoSchema, type DescriptorProto, type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';
import {createValidator} from '@bufbuild/protovalidate';
import * as protocolJs from 'plugnmeet-protocol-js';
import {InvalidRequest, readRequestJson} from './plugnmeet/protojson.js';

// Node loads the package's CommonJS build: its exports arrive as the default export.
const published = ((protocolJs as unknown as {default?: typeof protocolJs}).default ?? protocolJs);

/** The server versions the fake can be; 2.0-2.4 share every rule the sidecar's requests meet. */
export type PlugnmeetVersion = '1.x' | '2.0' | '2.1' | '2.2' | '2.3' | '2.4';
export const is2x = (v: PlugnmeetVersion) => v !== '1.x';

/** The request message of each endpoint (plugNmeet-server pkg/controllers/{room,user,recording}.go). */
const REQUESTS: Record<string, DescMessage> = {
    '/auth/room/create': published.CreateRoomReqSchema as unknown as DescMessage,
    '/auth/room/getJoinToken': published.GenerateTokenReqSchema as unknown as DescMessage,
    '/auth/room/isRoomActive': published.IsRoomActiveReqSchema as unknown as DescMessage,
    '/auth/room/getActiveRoomInfo': published.GetActiveRoomInfoReqSchema as unknown as DescMessage,
    '/auth/room/endRoom': published.RoomEndReqSchema as unknown as DescMessage,
    '/auth/room/fetchPastRooms': published.FetchPastRoomsReqSchema as unknown as DescMessage,
    '/auth/recording/fetch': published.FetchRecordingsReqSchema as unknown as DescMessage,
    '/auth/recording/info': published.RecordingInfoReqSchema as unknown as DescMessage,
    '/auth/recording/getDownloadToken': published.GetDownloadTokenReqSchema as unknown as DescMessage,
};

type Patch = (files: Map<string, FileDescriptorProto>) => void;

/** What differs between the published descriptors (033b555) and the protocol server 2.x pins. */
const PATCHES_2X: Array<{why: string; apply: Patch}> = [
    {
        why: 'RoomMetadata.extra_data: optional string -> map<string,string> (protocol 7ae4269, v1.1.0 = server 2.0)',
        apply: (f) => toStringMap(message(f, 'plugnmeet_create_room.proto', 'RoomMetadata'), 'extra_data'),
    },
    {
        why: 'UserMetadata.extra_data: optional string -> map<string,string> (protocol 7ae4269)',
        apply: (f) => toStringMap(message(f, 'plugnmeet_gen_token.proto', 'UserMetadata'), 'extra_data'),
    },
    {
        why: 'FetchRecordingsReq gains optional string room_sid (plugnmeet_auth_recording.proto, v1.1.0)',
        apply: (f) => message(f, 'plugnmeet_auth_recording.proto', 'FetchRecordingsReq').field.push(create(FieldDescriptorProtoSchema, {
            name: 'room_sid', jsonName: 'roomSid', number: 90, label: FieldDescriptorProto_Label.OPTIONAL, type: FieldDescriptorProto_Type.STRING,
        })),
    },
    {
        why: 'RoomCreateFeatures gains optional bool allow_reactions = 27 (plugnmeet_create_room.proto, v1.5.0)',
        apply: (f) => addOptionalBool(message(f, 'plugnmeet_create_room.proto', 'RoomCreateFeatures'), 'allow_reactions', 27),
    },
    {
        why: 'LockSettings gains optional bool lock_reactions = 10 (plugnmeet_gen_token.proto, v1.5.0)',
        apply: (f) => addOptionalBool(message(f, 'plugnmeet_gen_token.proto', 'LockSettings'), 'lock_reactions', 10),
    },
    {
        why: 'feature switches renamed to is_allow / is_allow_file_upload (plugnmeet_create_room.proto, v1.1.0)',
        apply: (f) => {
            const rename = (msg: string, from: string, to: string) => {
                const field = message(f, 'plugnmeet_create_room.proto', msg).field.find((x) => x.name === from);
                if (field) {
                    field.name = to;
                    field.jsonName = to.replace(/_(.)/g, (_, c: string) => c.toUpperCase());
                }
            };
            rename('ChatFeatures', 'allow_chat', 'is_allow');
            rename('ChatFeatures', 'allow_file_upload', 'is_allow_file_upload');
            rename('SharedNotePadFeatures', 'allowed_shared_note_pad', 'is_allow');
            rename('WhiteboardFeatures', 'allowed_whiteboard', 'is_allow');
            rename('ExternalMediaPlayerFeatures', 'allowed_external_media_player', 'is_allow');
        },
    },
    {
        why: 'RoomCreateFeatures gains insights_features = 24 (InsightsFeatures, transcription and AI summary parts; plugnmeet_create_room.proto, v1.1.0-v1.5.0)',
        apply: (f) => addInsightsFeatures(f),
    },
];

/**
 * The insights messages the sidecar sends, as v1.5.0 declares them (only the fields it may set, and the
 * `is_enabled` each declares `bool.const = false`: checked by insightsRules, since these copies carry no
 * buf.validate options). Unknown fields inside are dropped like any other.
 */
function addInsightsFeatures(files: Map<string, FileDescriptorProto>): void {
    const file = files.get('plugnmeet_create_room.proto')!;
    const scalar = (name: string, number: number, type: FieldDescriptorProto_Type) => create(FieldDescriptorProtoSchema, {
        name, jsonName: name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()), number, label: FieldDescriptorProto_Label.OPTIONAL, type,
    });
    const nested = (name: string, number: number, typeName: string) => create(FieldDescriptorProtoSchema, {
        name, jsonName: name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()), number, label: FieldDescriptorProto_Label.OPTIONAL,
        type: FieldDescriptorProto_Type.MESSAGE, typeName: `.plugnmeet.${typeName}`,
    });
    const {BOOL, STRING} = FieldDescriptorProto_Type;
    file.messageType.push(
        create(DescriptorProtoSchema, {name: 'InsightsFeatures', field: [
            scalar('is_allow', 1, BOOL), nested('transcription_features', 2, 'InsightsTranscriptionFeatures'), nested('ai_features', 4, 'InsightsAIFeatures')]}),
        create(DescriptorProtoSchema, {name: 'InsightsTranscriptionFeatures', field: [scalar('is_allow', 1, BOOL), scalar('is_enabled', 4, BOOL)]}),
        create(DescriptorProtoSchema, {name: 'InsightsAIFeatures', field: [scalar('is_allow', 1, BOOL), nested('meeting_summarization_features', 3, 'InsightsAIMeetingSummarizationFeatures')]}),
        create(DescriptorProtoSchema, {name: 'InsightsAIMeetingSummarizationFeatures', field: [
            scalar('is_allow', 1, BOOL), scalar('summarization_prompt', 2, STRING), scalar('is_enabled', 3, BOOL)]}),
    );
    message(files, 'plugnmeet_create_room.proto', 'RoomCreateFeatures').field.push(nested('insights_features', 24, 'InsightsFeatures'));
}

/** `bool is_enabled = n [(buf.validate.field).bool.const = false]` in the insights messages (v1.5.0), as protovalidate words it. */
function insightsRules(body: Record<string, any>): void {
    const insights = body.metadata?.room_features?.insights_features;
    const at = 'metadata.room_features.insights_features';
    const enabled = [
        [insights?.transcription_features?.is_enabled, `${at}.transcription_features.is_enabled`],
        [insights?.ai_features?.meeting_summarization_features?.is_enabled, `${at}.ai_features.meeting_summarization_features.is_enabled`],
    ].filter(([v]) => v === true).map(([, path]) => `${path}: value must equal false`);
    if (enabled.length > 0) {
        throw new InvalidRequest(enabled.length === 1 ? `validation error: ${enabled[0]}` : `validation errors:${enabled.map((l) => `\n - ${l}`).join('')}`);
    }
}

/** Known differences left as they are: none is in a message or field the sidecar sends. */
export const UNPATCHED_DIFFERENCES = [
    'RoomCreateFeatures: fields renumbered; allow_rtmp optional+deprecated; allow_polls removed; sip_dial_in_features, external_broadcasting_features; speech_to_text_translation_features removed (v1.1.0-v1.5.0)',
    'UserInfo.client_type and UserMetadata.raised_hand (a message since v1.1.0, a bool before)',
    'responses gain status_code and renumber fields (the fake writes its responses by hand)',
];

function message(files: Map<string, FileDescriptorProto>, file: string, name: string): DescriptorProto {
    const found = files.get(file)?.messageType.find((m) => m.name === name);
    if (!found) {
        throw new Error(`plugnmeet-rules: ${file} has no message ${name}`);
    }
    return found;
}

/** `optional string x = n` (proto3 optional: a synthetic oneof) becomes `map<string,string> x = n`. */
function toStringMap(msg: DescriptorProto, name: string): void {
    const field = msg.field.find((x) => x.name === name)!;
    if (field.proto3Optional && field.oneofIndex !== undefined) {
        const gone = field.oneofIndex;
        msg.oneofDecl.splice(gone, 1);
        for (const other of msg.field) {
            if (other.oneofIndex !== undefined && other.oneofIndex > gone) {
                other.oneofIndex--;
            }
        }
    }
    const entry = `${field.jsonName!.charAt(0).toUpperCase()}${field.jsonName!.slice(1)}Entry`;
    msg.nestedType.push(create(DescriptorProtoSchema, {
        name: entry,
        options: create(MessageOptionsSchema, {mapEntry: true}),
        field: [
            create(FieldDescriptorProtoSchema, {name: 'key', jsonName: 'key', number: 1, label: FieldDescriptorProto_Label.OPTIONAL, type: FieldDescriptorProto_Type.STRING}),
            create(FieldDescriptorProtoSchema, {name: 'value', jsonName: 'value', number: 2, label: FieldDescriptorProto_Label.OPTIONAL, type: FieldDescriptorProto_Type.STRING}),
        ],
    }));
    Object.assign(field, {
        label: FieldDescriptorProto_Label.REPEATED, type: FieldDescriptorProto_Type.MESSAGE,
        typeName: `.plugnmeet.${msg.name}.${entry}`, proto3Optional: false, oneofIndex: undefined,
    });
}

/** Appends `optional bool <name> = <number>`: a proto3 optional field and its synthetic oneof `_<name>`. */
function addOptionalBool(msg: DescriptorProto, name: string, number: number): void {
    msg.oneofDecl.push(create(OneofDescriptorProtoSchema, {name: `_${name}`}));
    msg.field.push(create(FieldDescriptorProtoSchema, {
        name, jsonName: name.replace(/_(.)/g, (_, c: string) => c.toUpperCase()), number, label: FieldDescriptorProto_Label.OPTIONAL,
        type: FieldDescriptorProto_Type.BOOL, proto3Optional: true, oneofIndex: msg.oneofDecl.length - 1,
    }));
}

// The package's own runtime, for its own descriptors.
const requirePackage = createRequire(createRequire(import.meta.url).resolve('plugnmeet-protocol-js'));
const own = requirePackage('@bufbuild/protobuf');
const ownWkt = requirePackage('@bufbuild/protobuf/wkt');

/** A protobuf VerifyTokenRes (plugnmeet_common_api.proto; server_version = 4 since 2022), as /api/verifyToken sends it. */
export function verifyTokenResponse(fields: {status: boolean; msg: string; serverVersion?: string; roomId?: string; userId?: string}): Uint8Array {
    return own.toBinary(published.VerifyTokenResSchema, own.create(published.VerifyTokenResSchema, fields));
}

/**
 * Every file the request messages need, copied through bytes: the package pins its own
 * @bufbuild/protobuf (2.2.5), whose descriptor objects lack fields the newer runtime writes.
 */
function publishedFiles(): Map<string, FileDescriptorProto> {
    const files = new Map<string, FileDescriptorProto>();
    const visit = (file: {proto: unknown; dependencies: unknown[]}) => {
        const copy = fromBinary(FileDescriptorProtoSchema, own.toBinary(ownWkt.FileDescriptorProtoSchema, file.proto) as Uint8Array);
        if (!files.has(copy.name)) {
            file.dependencies.forEach((d) => visit(d as typeof file));
            files.set(copy.name, copy);
        }
    };
    Object.values(REQUESTS).forEach((schema) => visit(schema.file as never));
    return files;
}

const schemas = new Map<'1.x' | '2.x', Record<string, DescMessage>>();

/** The request schemas as a server of this version has them. */
function requestSchemas(version: PlugnmeetVersion): Record<string, DescMessage> {
    const key = is2x(version) ? '2.x' : '1.x';
    let found = schemas.get(key);
    if (!found) {
        const files = publishedFiles();
        if (key === '2.x') {
            PATCHES_2X.forEach((p) => p.apply(files));
        }
        const registry = createFileRegistry(create(FileDescriptorSetSchema, {file: [...files.values()]}));
        found = Object.fromEntries(Object.entries(REQUESTS).map(([path, d]) => [path, registry.getMessage(d.typeName)!]));
        schemas.set(key, found);
    }
    return found;
}

const validator = createValidator();

/** protojson's and protovalidate's refusal (defined with the protojson reader). */
export {InvalidRequest};

/**
 * Parses and validates a request body like parseAndValidateRequest, returning it as protojson
 * with proto field names (unknown keys gone); undefined for a path without a request message.
 */
export function parseAndValidate(path: string, raw: string, version: PlugnmeetVersion): Record<string, any> | undefined {
    const schema = requestSchemas(version)[path];
    if (!schema) {
        return undefined;
    }
    const json = readRequestJson(schema, raw);
    const msg = fromJson(schema, json);
    const result = validator.validate(schema, msg);
    if (result.kind === 'error') {
        throw result.error;
    }
    if (result.kind === 'invalid') {
        // buf.build/go/protovalidate v1.2.0 validation_error.go + violation.go: one violation
        // "validation error: <path>: <message>", several "validation errors:\n - ..." (no rule id when there is a message).
        const lines = result.violations.map((v) => `${v.field.length ? `${pathToString(v.field)}: ` : ''}${v.message || `[${v.ruleId}]`}`);
        throw new InvalidRequest(lines.length === 1 ? `validation error: ${lines[0]}` : `validation errors:${lines.map((l) => `\n - ${l}`).join('')}`);
    }
    const read = toJson(schema, msg, {useProtoFieldName: true}) as Record<string, any>;
    if (path === '/auth/room/create' && is2x(version)) {
        insightsRules(read);
    }
    return read;
}

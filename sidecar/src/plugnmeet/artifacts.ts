// What plugNmeet 2.4 leaves behind a session (plugnmeet-protocol v1.5.0 plugnmeet_room_artifacts.proto,
// plugnmeet_auth_artifact.proto; plugNmeet-server v2.4.0 pkg/controllers/artifact.go): the kinds the
// recap reads, and an artifact list as protojson writes it (enums by name, int64 as strings).

/** RoomArtifactType, the downloadable ones (artifact_handler.go isDownloadable): the rest are usage records. */
export const ARTIFACT_KINDS = {
    MEETING_ANALYTICS: 'attendance',
    SPEECH_TRANSCRIPTION: 'transcript',
    MEETING_SUMMARY: 'summary',
} as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[keyof typeof ARTIFACT_KINDS];

/** protojson writes the enum's name; a reader may meet its number (MEETING_ANALYTICS = 1, SUMMARY = 2, TRANSCRIPTION = 4). */
const BY_NUMBER: Record<number, keyof typeof ARTIFACT_KINDS> = {1: 'MEETING_ANALYTICS', 2: 'MEETING_SUMMARY', 4: 'SPEECH_TRANSCRIPTION'};

/** The recap's kind of an artifact type, undefined for the ones it does not post. */
export function artifactKind(type: unknown): ArtifactKind | undefined {
    const name = typeof type === 'number' ? BY_NUMBER[type] : type;
    return typeof name === 'string' && Object.hasOwn(ARTIFACT_KINDS, name) ? ARTIFACT_KINDS[name as keyof typeof ARTIFACT_KINDS] : undefined;
}

export interface Artifact {
    id: string;
    roomId: string;
    kind: ArtifactKind;
}

/** FetchArtifactsRes.result.artifacts_list, the kinds the recap posts only. */
export function readArtifactList(result: unknown): Artifact[] {
    const list = (result as {artifacts_list?: unknown} | null)?.artifacts_list;
    if (!Array.isArray(list)) {
        return [];
    }
    return list.flatMap((a: Record<string, unknown>) => {
        const kind = artifactKind(a?.type);
        return kind && typeof a.artifact_id === 'string' && a.artifact_id && typeof a.room_id === 'string' ? [{id: a.artifact_id, roomId: a.room_id, kind}] : [];
    });
}

// The transcript file (plugNmeet-server v2.4.0 pkg/models/artifact_speech_transcription.go): WEBVTT,
// a `NOTE Transcription for meeting: <room_id>`, then numbered cues whose text is `<v Speaker>text`.

export interface Cue {
    speaker: string;
    text: string;
}

/** The cues' speakers and texts, in order; lines that are not cue text are skipped. */
export function readTranscript(file: string): Cue[] | undefined {
    const lines = file.replace(/^\uFEFF/, '').split(/\r?\n/);
    if (!/^WEBVTT\b/.test(lines[0] ?? '')) {
        return undefined;
    }
    const cues: Cue[] = [];
    let inCue = false;
    for (const line of lines.slice(1)) {
        if (line.trim() === '') {
            inCue = false;
        } else if (line.includes('-->')) {
            inCue = true;
        } else if (inCue) {
            const voice = /^<v(?:\.[^\s>]*)?\s+([^>]*)>(.*)$/.exec(line);
            const text = (voice ? voice[2]! : line).replace(/<\/v>\s*$/, '').trim();
            if (text) {
                cues.push({speaker: voice ? voice[1]!.trim() : '', text});
            }
        }
    }
    return cues;
}

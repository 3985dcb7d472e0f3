import {readFileSync} from 'fs';

// The generator is the build tool beside webpack.config.js (CommonJS, run by node).
// eslint-disable-next-line @typescript-eslint/no-var-requires
const {ringToneWav, RING_TONE_PATH} = require('../../make_ring_tone.js') as {ringToneWav: () => Buffer; RING_TONE_PATH: string};

describe('the ring tone', () => {
    it('is the committed src/sounds/ring.wav, as make_ring_tone.js writes it', () => {
        expect(readFileSync(RING_TONE_PATH).equals(ringToneWav())).toBe(true);
    });

    it('is a 1 s, 8 kHz, 8-bit mono PCM WAV, small enough to ship inside main.js', () => {
        const wav = ringToneWav();
        expect(wav.toString('ascii', 0, 4)).toBe('RIFF');
        expect(wav.toString('ascii', 8, 16)).toBe('WAVEfmt ');
        expect(wav.readUInt16LE(20)).toBe(1);
        expect(wav.readUInt16LE(22)).toBe(1);
        expect(wav.readUInt32LE(24)).toBe(8000);
        expect(wav.readUInt16LE(34)).toBe(8);
        expect(wav.readUInt32LE(40)).toBe(8000);
        expect(wav.length).toBe(8044);

        // Silence between the two tones, sound within them.
        const at = (seconds: number) => wav[44 + Math.round(seconds * 8000)];
        expect(at(0.5)).toBe(128);
        expect(Math.max(...wav.subarray(44 + 800, 44 + 1600))).toBeGreaterThan(180);
    });
});

// Makes src/sounds/ring.wav, the incoming-call ring the bundle carries (as a data: URL, see
// webpack.config.js): one ring of a telephone's two tones, 440 Hz + 480 Hz, on 0.4 s, off 0.2 s,
// on 0.4 s, in 8 kHz 8-bit mono PCM (8 KB). The ringer plays it again every few seconds. The file
// is committed; `node make_ring_tone.js` writes it again, and a unit test checks the two agree.
const {writeFileSync} = require('fs');
const {join} = require('path');

const RATE = 8000;
const SEGMENTS = [[0.4, true], [0.2, false], [0.4, true]];
const RAMP_SECONDS = 0.01;
const AMPLITUDE = 0.3;

function ringToneWav() {
    const samples = [];
    for (const [seconds, on] of SEGMENTS) {
        const count = Math.round(seconds * RATE);
        const ramp = Math.round(RAMP_SECONDS * RATE);
        for (let i = 0; i < count; i++) {
            const t = samples.length / RATE;
            const edge = Math.min(1, i / ramp, (count - 1 - i) / ramp);
            const value = on ? AMPLITUDE * edge * (Math.sin(2 * Math.PI * 440 * t) + Math.sin(2 * Math.PI * 480 * t)) : 0;
            samples.push(Math.max(0, Math.min(255, Math.round(128 + (127 * value)))));
        }
    }
    const data = Buffer.from(samples);
    const header = Buffer.alloc(44);
    header.write('RIFF', 0, 'ascii');
    header.writeUInt32LE(36 + data.length, 4);
    header.write('WAVE', 8, 'ascii');
    header.write('fmt ', 12, 'ascii');
    header.writeUInt32LE(16, 16); // fmt chunk size
    header.writeUInt16LE(1, 20); // PCM
    header.writeUInt16LE(1, 22); // mono
    header.writeUInt32LE(RATE, 24);
    header.writeUInt32LE(RATE, 28); // bytes per second
    header.writeUInt16LE(1, 32); // block align
    header.writeUInt16LE(8, 34); // bits per sample
    header.write('data', 36, 'ascii');
    header.writeUInt32LE(data.length, 40);
    return Buffer.concat([header, data]);
}

module.exports = {ringToneWav, RING_TONE_PATH: join(__dirname, 'src', 'sounds', 'ring.wav')};

if (require.main === module) {
    writeFileSync(module.exports.RING_TONE_PATH, ringToneWav());
}

// plugNmeet answers /api/verifyToken in protobuf only; the one field the sidecar reads (the
// server's version, for doctor) does not need a protobuf runtime.

/** One string field of a protobuf message (wire format), without a protobuf runtime. */
export function protobufString(bytes: Uint8Array, field: number): string | undefined {
    let i = 0;
    const varint = () => {
        let n = 0;
        for (let shift = 0; i < bytes.length; shift += 7) {
            const b = bytes[i++]!;
            n += (b & 0x7f) * (2 ** shift);
            if (b < 0x80) {
                return n;
            }
        }
        throw new Error('truncated');
    };
    try {
        while (i < bytes.length) {
            const key = varint();
            const type = key & 7;
            if (type === 0) {
                varint();
            } else if (type === 1 || type === 5) {
                i += type === 1 ? 8 : 4;
            } else if (type === 2) {
                const length = varint();
                if (key >>> 3 === field) {
                    return Buffer.from(bytes.subarray(i, i + length)).toString('utf8');
                }
                i += length;
            } else {
                return undefined;
            }
        }
    } catch {
        return undefined;
    }
    return undefined;
}

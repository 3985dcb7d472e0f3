// protojson as plugNmeet-server reads a request (protobuf-go v1.36.11, encoding/protojson/decode.go,
// with DiscardUnknown): which JSON each field kind accepts, and the exact error messages.
import type {DescField, DescMessage, JsonObject, JsonValue} from '@bufbuild/protobuf';

/** protojson's and protovalidate's refusal: the server sends err.Error() as msg. */
export class InvalidRequest extends Error {}

/** The request body as JSON with proto field names (unknown keys dropped), ready for fromJson; throws InvalidRequest. */
export function readRequestJson(schema: DescMessage, raw: string): JsonObject {
    return readMessage(schema, new JsonReader(raw).document(), raw);
}

interface Node {
    at: number;
    raw: string; // the token as written: '{', '[', a number, a quoted string...
    value: JsonValue;
    entries?: Array<{key: string; rawKey: string; at: number; node: Node}>;
    items?: Node[];
}

/** internal/encoding/json Position: 1-based line, column in runes. */
function position(text: string, at: number): string {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    return `(line ${line}:${[...before.slice(before.lastIndexOf('\n') + 1)].length + 1})`;
}

// internal/errors/errors.go: every message starts "proto: " (some builds use U+00A0 for the spaces, on purpose).
const newError = (text: string, at: number, what: string) => new InvalidRequest(`proto: ${position(text, at)}: ${what}`);
const syntaxError = (text: string, at: number, what: string) => new InvalidRequest(`proto: syntax error ${position(text, at)}: ${what}`);

/** A small JSON reader that keeps where each value starts, for protojson's messages. */
class JsonReader {
    private i = 0;
    constructor(private readonly text: string) {}

    document(): Node {
        const node = this.value();
        this.space();
        if (this.i < this.text.length) {
            throw syntaxError(this.text, this.i, `unexpected token ${this.word()}`);
        }
        return node;
    }

    private space() {
        while (/[ \t\r\n]/.test(this.text[this.i] ?? '')) {
            this.i++;
        }
    }

    private word() {
        return /^[^\s,:\]}]*/.exec(this.text.slice(this.i))![0] || this.text.slice(this.i, this.i + 1);
    }

    private value(): Node {
        this.space();
        const at = this.i;
        const c = this.text[at];
        if (c === undefined) {
            throw syntaxError(this.text, at, 'unexpected token ');
        }
        if (c === '{') {
            this.i++;
            const entries: Node['entries'] = [];
            this.space();
            if (this.text[this.i] === '}') {
                this.i++;
            } else {
                for (;;) {
                    this.space();
                    const keyAt = this.i;
                    if (this.text[keyAt] !== '"') {
                        throw syntaxError(this.text, keyAt, `invalid value ${this.word()}`);
                    }
                    const keyNode = this.scalar();
                    this.space();
                    if (this.text[this.i] !== ':') {
                        throw syntaxError(this.text, this.i, `unexpected token ${this.word()}`);
                    }
                    this.i++;
                    entries.push({key: keyNode.value as string, rawKey: keyNode.raw, at: keyAt, node: this.value()});
                    this.space();
                    if (this.text[this.i] === ',') {
                        this.i++;
                        continue;
                    }
                    if (this.text[this.i] === '}') {
                        this.i++;
                        break;
                    }
                    throw syntaxError(this.text, this.i, `unexpected token ${this.word()}`);
                }
            }
            return {at, raw: '{', value: Object.fromEntries(entries.map((e) => [e.key, e.node.value])), entries};
        }
        if (c === '[') {
            this.i++;
            const items: Node[] = [];
            this.space();
            if (this.text[this.i] === ']') {
                this.i++;
            } else {
                for (;;) {
                    items.push(this.value());
                    this.space();
                    const sep = this.text[this.i++];
                    if (sep === ']') {
                        break;
                    }
                    if (sep !== ',') {
                        throw syntaxError(this.text, this.i - 1, `unexpected token ${sep ?? ''}`);
                    }
                }
            }
            return {at, raw: '[', value: items.map((n) => n.value), items};
        }
        return this.scalar();
    }

    private scalar(): Node {
        const at = this.i;
        const m = /^(?:"(?:[^"\\\u0000-\u001f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.text.slice(at));
        if (!m) {
            throw syntaxError(this.text, at, `invalid value ${this.word()}`);
        }
        this.i += m[0].length;
        return {at, raw: m[0], value: JSON.parse(m[0])};
    }
}

const KIND_NAMES: Record<number, string> = {
    1: 'double', 2: 'float', 3: 'int64', 4: 'uint64', 5: 'int32', 6: 'fixed64', 7: 'fixed32', 8: 'bool',
    9: 'string', 12: 'bytes', 13: 'uint32', 15: 'sfixed32', 16: 'sfixed64', 17: 'sint32', 18: 'sint64',
};
const INT_BITS: Record<number, [bits: number, signed: boolean]> = {
    3: [64, true], 4: [64, false], 5: [32, true], 6: [64, false], 7: [32, false], 13: [32, false], 15: [32, true], 16: [64, true], 17: [32, true], 18: [64, true],
};

/** decode.go unmarshalScalar: what each scalar kind accepts. */
function scalarOk(type: number, node: Node): boolean {
    const v = node.value;
    if (type === 9) {
        return typeof v === 'string';
    }
    if (type === 8) {
        return typeof v === 'boolean';
    }
    if (type === 12) {
        return typeof v === 'string' && /^[A-Za-z0-9+/_-]*={0,2}$/.test(v);
    }
    if (type === 1 || type === 2) {
        return typeof v === 'number' || (typeof v === 'string' && (/^(NaN|-?Infinity)$/.test(v) || /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(v)));
    }
    const [bits, signed] = INT_BITS[type]!;
    const text = typeof v === 'number' ? node.raw : typeof v === 'string' ? v : undefined;
    if (text === undefined || !/^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/.test(text)) {
        return false;
    }
    const n = Number(text);
    if (!Number.isInteger(n)) {
        return false;
    }
    const big = /[.eE]/.test(text) ? BigInt(n) : BigInt(text);
    const max = signed ? (1n << BigInt(bits - 1)) - 1n : (1n << BigInt(bits)) - 1n;
    const min = signed ? -(1n << BigInt(bits - 1)) : 0n;
    return big >= min && big <= max;
}

/** decode.go unmarshalMessage with DiscardUnknown: JSON with proto names, ready for fromJson. */
function readMessage(desc: DescMessage, node: Node, text: string): JsonObject {
    if (!node.entries) {
        throw syntaxError(text, node.at, `unexpected token ${node.raw}`);
    }
    const out: JsonObject = {};
    const seen = new Set<number>();
    for (const {key, rawKey, at, node: child} of node.entries) {
        const field = desc.fields.find((f) => f.name === key || f.jsonName === key);
        if (!field) {
            continue; // DiscardUnknown: a misspelled key is dropped without a word
        }
        if (seen.has(field.number)) {
            throw newError(text, at, `duplicate field ${rawKey}`);
        }
        seen.add(field.number);
        if (child.value === null) {
            continue; // null is "not set" (not for google.protobuf.Value, which these requests do not use)
        }
        const value = readField(field, child, text);
        if (value !== undefined) {
            out[field.name] = value;
        }
    }
    return out;
}

function readField(field: DescField, node: Node, text: string): JsonValue | undefined {
    switch (field.fieldKind) {
        case 'message':
            return readMessage(field.message, node, text);
        case 'list':
            if (!node.items) {
                throw syntaxError(text, node.at, `unexpected token ${node.raw}`);
            }
            return node.items.map((item) => readSingle(field, field.listKind, item, text) ?? null);
        case 'map':
            if (!node.entries) {
                throw syntaxError(text, node.at, `unexpected token ${node.raw}`);
            }
            return Object.fromEntries(node.entries.map((e) => {
                if (field.mapKey !== 9 && !scalarOk(field.mapKey, {at: e.at, raw: e.key, value: e.key})) {
                    throw newError(text, e.at, `invalid value for ${KIND_NAMES[field.mapKey]} key: ${e.rawKey}`);
                }
                return [e.key, readSingle({...field, jsonName: 'value'} as DescField, field.mapKind, e.node, text) ?? null];
            }));
        default:
            return readSingle(field, field.fieldKind, node, text);
    }
}

function readSingle(field: DescField, kind: string, node: Node, text: string): JsonValue | undefined {
    const f = field as DescField & {message?: DescMessage; enum?: {values: Array<{name: string; number: number}>}; scalar?: number};
    if (kind === 'message') {
        return readMessage(f.message!, node, text);
    }
    if (kind === 'enum') {
        if (typeof node.value === 'string') {
            return f.enum!.values.some((v) => v.name === node.value) ? node.value : undefined; // DiscardUnknown drops unknown names
        }
        if (typeof node.value === 'number' && Number.isInteger(node.value)) {
            return node.value;
        }
        throw newError(text, node.at, `invalid value for enum field ${field.jsonName}: ${node.raw}`);
    }
    if (!scalarOk(f.scalar!, node)) {
        throw newError(text, node.at, `invalid value for ${KIND_NAMES[f.scalar!]} field ${field.jsonName}: ${node.raw}`);
    }
    return node.value;
}

// Reading a request the rules have parsed and validated (proto field names): a field of the
// wrong JSON type here is a bug in the fake, not the sidecar's, so it throws.

export function str(obj: any, key: string): string {
  const v = obj?.[key];
  if (v === undefined || v === null) return '';
  if (typeof v !== 'string') throw new Error(`fake plugnmeet: unexpected value for string field ${key}: ${JSON.stringify(v)}`);
  return v;
}

export function bool(obj: any, key: string): boolean {
  const v = obj?.[key];
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw new Error(`fake plugnmeet: unexpected value for bool field ${key}: ${JSON.stringify(v)}`);
  return v;
}

/** int/uint fields: protojson accepts numbers or numeric strings. */
export function int(obj: any, key: string): number {
  const v = obj?.[key];
  if (v === undefined || v === null) return 0;
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) throw new Error(`fake plugnmeet: unexpected value for integer field ${key}: ${JSON.stringify(v)}`);
  return n;
}

export function strList(obj: any, key: string): string[] {
  const v = obj?.[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new Error(`fake plugnmeet: unexpected value for repeated string field ${key}`);
  return v;
}

export function message(obj: any, key: string): Record<string, any> | undefined {
  const v = obj?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'object' || Array.isArray(v)) throw new Error(`fake plugnmeet: unexpected value for message field ${key}`);
  return v;
}

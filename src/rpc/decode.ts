// Request bytes are checked before protobufjs decodes them, because
// protobufjs is lenient where a queue must not be: it cuts a length-delimited
// field that runs past the end of its message short, and replaces invalid
// UTF-8 with U+FFFD (so two idempotency keys that differ only in invalid
// bytes would collide). The walk below follows the schema: every length must
// fit its enclosing message, every field of a known number must have the
// wire type its declaration implies, and every string must be valid UTF-8.
// A request that fails is not handed to a handler: grpc-js would turn a
// throwing deserializer into INTERNAL, so the deserializer returns a marker
// object instead and the adapter answers INVALID_ARGUMENT.

import { isUtf8 } from "node:buffer";
import type * as protoLoader from "@grpc/proto-loader";
import type protobuf from "protobufjs";
import { type DomainError, invalidArgument } from "../core/errors.ts";

const failures = new WeakMap<object, DomainError>();

/** Why a request could not be decoded, if it could not. */
export function decodeFailure(req: unknown): DomainError | undefined {
  return typeof req === "object" && req !== null ? failures.get(req) : undefined;
}

export function decodeRequest(type: protobuf.Type, buf: Uint8Array, opts: protoLoader.Options): object {
  try {
    // The fast pass builds no names; only a request it refuses is walked again to say where.
    if (!wellFormed(buf, 0, buf.length, plan(type))) checkMessage(buf, 0, buf.length, type, "");
    return type.toObject(type.decode(buf), opts);
  } catch (e) {
    const err =
      e instanceof WireError
        ? e.utf8
          ? invalidArgument(`${e.message}`)
          : invalidArgument(`cannot decode ${type.name}: ${e.message}`)
        : invalidArgument(`cannot decode ${type.name}: ${e instanceof Error ? e.message : String(e)}`);
    const marker = {};
    failures.set(marker, err);
    return marker;
  }
}

class WireError extends Error {
  constructor(
    message: string,
    readonly utf8 = false,
  ) {
    super(message);
  }
}

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

const wireOfScalar: Record<string, number> = {
  double: WIRE_I64,
  fixed64: WIRE_I64,
  sfixed64: WIRE_I64,
  float: WIRE_I32,
  fixed32: WIRE_I32,
  sfixed32: WIRE_I32,
  string: WIRE_LEN,
  bytes: WIRE_LEN,
};

/** Reads a varint at p; returns [value (low 32 bits are enough for tags and lengths), next position]. */
function varint(buf: Uint8Array, p: number, end: number, what: string): [number, number] {
  let v = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    if (p >= end) throw new WireError(`${what} runs past the end of the message`);
    const b = buf[p++] as number;
    v += (b & 0x7f) * mul;
    mul *= 128;
    if (b < 0x80) return [v, p];
  }
  throw new WireError(`${what} is a varint longer than 10 bytes`);
}

function fieldPath(path: string, name: string): string {
  return path === "" ? name : `${path}.${name}`;
}

function checkMessage(buf: Uint8Array, start: number, end: number, type: protobuf.Type, path: string): void {
  let p = start;
  let counts: Map<number, number> | undefined;
  while (p < end) {
    let tag: number;
    [tag, p] = varint(buf, p, end, `a field tag of ${path || type.name}`);
    const id = Math.floor(tag / 8);
    const wire = tag & 7;
    if (id === 0) throw new WireError(`${path || type.name} has a field numbered 0`);
    const field = type.fieldsById[id];
    let name = field === undefined ? `field ${id}` : fieldPath(path, field.name);
    if (field?.repeated && !field.map) {
      counts ??= new Map();
      const i = counts.get(id) ?? 0;
      counts.set(id, i + 1);
      if (wire === WIRE_LEN && (field.resolvedType !== null || field.type === "string" || field.type === "bytes")) {
        name = `${name}[${i}]`;
      }
    }
    if (field !== undefined) checkWireType(field, wire, name);
    switch (wire) {
      case WIRE_VARINT:
        [, p] = varint(buf, p, end, name);
        break;
      case WIRE_I64:
        p += 8;
        break;
      case WIRE_I32:
        p += 4;
        break;
      case WIRE_LEN: {
        let len: number;
        [len, p] = varint(buf, p, end, `the length of ${name}`);
        if (p + len > end) throw new WireError(`${name} (field ${id}) is ${len} bytes long but runs past the end of its message`);
        if (field !== undefined) checkLenField(buf, p, p + len, field, name);
        p += len;
        break;
      }
      default:
        throw new WireError(`${name} has wire type ${wire}, which this protocol does not use`);
    }
    if (p > end) throw new WireError(`${name} runs past the end of its message`);
  }
}

function checkWireType(field: protobuf.Field, wire: number, name: string): void {
  const isMessage = field.resolvedType !== null && "fields" in field.resolvedType;
  const want = field.map || isMessage ? WIRE_LEN : (wireOfScalar[field.type] ?? WIRE_VARINT);
  // A repeated scalar may also come packed (length-delimited).
  if (wire === want || (field.repeated && wire === WIRE_LEN && want !== WIRE_LEN)) return;
  throw new WireError(`${name} has wire type ${wire}; its declaration needs wire type ${want}`);
}

function checkLenField(buf: Uint8Array, start: number, end: number, field: protobuf.Field, name: string): void {
  if (field.map) {
    checkMapEntry(buf, start, end, field as unknown as protobuf.MapField, name);
    return;
  }
  const rt = field.resolvedType;
  if (rt !== null && "fields" in rt) {
    checkMessage(buf, start, end, rt as protobuf.Type, name);
    return;
  }
  if (field.type === "string") checkUtf8(buf, start, end, name);
}

/** A map entry is a message { key = 1; value = 2; }. */
function checkMapEntry(buf: Uint8Array, start: number, end: number, field: protobuf.MapField, name: string): void {
  let p = start;
  while (p < end) {
    let tag: number;
    [tag, p] = varint(buf, p, end, `an entry of ${name}`);
    const id = Math.floor(tag / 8);
    const wire = tag & 7;
    const type = id === 1 ? field.keyType : id === 2 ? field.type : "";
    const part = id === 1 ? `a key of ${name}` : `a value of ${name}`;
    if (wire === WIRE_VARINT) [, p] = varint(buf, p, end, part);
    else if (wire === WIRE_I64) p += 8;
    else if (wire === WIRE_I32) p += 4;
    else if (wire === WIRE_LEN) {
      let len: number;
      [len, p] = varint(buf, p, end, `the length of ${part}`);
      if (p + len > end) throw new WireError(`${part} runs past the end of its entry`);
      if (type === "string") checkUtf8(buf, p, p + len, part);
      else if (id === 2 && field.resolvedType !== null && "fields" in field.resolvedType) {
        checkMessage(buf, p, p + len, field.resolvedType as protobuf.Type, name);
      }
      p += len;
    } else throw new WireError(`${part} has wire type ${wire}, which this protocol does not use`);
    if (p > end) throw new WireError(`${part} runs past the end of its entry`);
  }
}

function checkUtf8(buf: Uint8Array, start: number, end: number, name: string): void {
  if (end === start) return;
  if (!isUtf8(buf.subarray(start, end))) throw new WireError(`${name} is not valid UTF-8`, true);
}

// ---- the fast pass ------------------------------------------------------------
// A per-type table by field number (built once): what each known field must
// be. The pass allocates nothing, and checks ASCII strings byte by byte
// before asking isUtf8 about the rest.

const K_SCALAR = 0;
const K_STRING = 1;
const K_BYTES = 2;
const K_MESSAGE = 3;
const K_MAP_STRINGS = 4; // map<string, string>
const K_MAP_OTHER = 5; // other maps: fall back to the slow walk

interface Plan {
  wire: Int8Array; // expected wire type by field number, -1 unknown
  kind: Int8Array;
  packable: Uint8Array; // repeated scalars may come length-delimited
  sub: (Plan | undefined)[];
}

const plans = new WeakMap<protobuf.Type, Plan>();

function plan(type: protobuf.Type): Plan {
  let p = plans.get(type);
  if (p !== undefined) return p;
  const maxId = type.fieldsArray.reduce((m, f) => Math.max(m, f.id), 0);
  p = { wire: new Int8Array(maxId + 1).fill(-1), kind: new Int8Array(maxId + 1), packable: new Uint8Array(maxId + 1), sub: [] };
  plans.set(type, p); // before recursing: a type may contain itself
  for (const f of type.fieldsArray) {
    f.resolve();
    const isMessage = f.resolvedType !== null && "fields" in f.resolvedType;
    if (f.map) {
      const mf = f as unknown as protobuf.MapField;
      p.wire[f.id] = WIRE_LEN;
      p.kind[f.id] = mf.keyType === "string" && mf.type === "string" ? K_MAP_STRINGS : K_MAP_OTHER;
    } else if (isMessage) {
      p.wire[f.id] = WIRE_LEN;
      p.kind[f.id] = K_MESSAGE;
      p.sub[f.id] = plan(f.resolvedType as protobuf.Type);
    } else {
      p.wire[f.id] = wireOfScalar[f.type] ?? WIRE_VARINT;
      p.kind[f.id] = f.type === "string" ? K_STRING : f.type === "bytes" ? K_BYTES : K_SCALAR;
      if (f.repeated && p.wire[f.id] !== WIRE_LEN) p.packable[f.id] = 1;
    }
  }
  return p;
}

/** Reads a varint's end position, or -1 when it is truncated or too long. */
function skipVarint(buf: Uint8Array, p: number, end: number): number {
  for (let i = 0; i < 10; i++) {
    if (p >= end) return -1;
    if ((buf[p++] as number) < 0x80) return p;
  }
  return -1;
}

/** True when every length fits, every known field has its wire type and every string is UTF-8. */
function wellFormed(buf: Uint8Array, start: number, end: number, pl: Plan): boolean {
  let p = start;
  while (p < end) {
    // tag
    let tag = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      if (p >= end || i === 5) return false;
      const b = buf[p++] as number;
      tag += (b & 0x7f) * mul;
      mul *= 128;
      if (b < 0x80) break;
    }
    const id = Math.floor(tag / 8);
    const wire = tag & 7;
    if (id === 0) return false;
    const known = id < pl.wire.length ? (pl.wire[id] as number) : -1;
    if (known >= 0 && known !== wire && !(wire === WIRE_LEN && pl.packable[id] === 1)) return false;
    if (wire === WIRE_VARINT) {
      p = skipVarint(buf, p, end);
      if (p < 0) return false;
    } else if (wire === WIRE_I64) p += 8;
    else if (wire === WIRE_I32) p += 4;
    else if (wire === WIRE_LEN) {
      let len = 0;
      mul = 1;
      for (let i = 0; ; i++) {
        if (p >= end || i === 5) return false;
        const b = buf[p++] as number;
        len += (b & 0x7f) * mul;
        mul *= 128;
        if (b < 0x80) break;
      }
      const fieldEnd = p + len;
      if (fieldEnd > end) return false;
      if (known >= 0) {
        const kind = pl.kind[id] as number;
        if (kind === K_STRING) {
          if (!utf8(buf, p, fieldEnd)) return false;
        } else if (kind === K_MESSAGE) {
          if (!wellFormed(buf, p, fieldEnd, pl.sub[id] as Plan)) return false;
        } else if (kind === K_MAP_STRINGS) {
          if (!wellFormed(buf, p, fieldEnd, mapStrings)) return false;
        } else if (kind === K_MAP_OTHER) return false;
      }
      p = fieldEnd;
    } else return false;
    if (p > end) return false;
  }
  return true;
}

/** A map<string, string> entry: key = 1, value = 2, both strings. */
const mapStrings: Plan = {
  wire: Int8Array.from([-1, WIRE_LEN, WIRE_LEN]),
  kind: Int8Array.from([0, K_STRING, K_STRING]),
  packable: new Uint8Array(3),
  sub: [],
};

function utf8(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    if ((buf[i] as number) >= 0x80) return isUtf8(buf.subarray(start, end));
  }
  return true;
}

// A minimal protobuf wire-format writer and reader, enough for the WAL and
// snapshot messages in proto/falconqueue/v1/service.proto. Hand-written
// because the WAL encodes straight into the group-commit buffer and decodes a
// million records at start-up; the codec tests check it against protobufjs.
// Numbers are JS numbers: int64 values must stay within ±2^53.

import { StorageError, type StorageErrorKind } from "./errors.ts";

export const WIRE_VARINT = 0;
export const WIRE_I64 = 1;
export const WIRE_LEN = 2;
export const WIRE_I32 = 5;

const TWO_32 = 4294967296;

export class PbWriter {
  buf: Buffer;
  pos = 0;

  constructor(capacity = 64 * 1024) {
    this.buf = Buffer.allocUnsafe(capacity);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = Buffer.allocUnsafe(cap);
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Unsigned varint of a value in [0, 2^53). */
  uvarint(v: number): void {
    this.ensure(10);
    const b = this.buf;
    let p = this.pos;
    if (v < 0x80) {
      b[p++] = v;
    } else if (v < TWO_32) {
      while (v > 0x7f) {
        b[p++] = (v & 0x7f) | 0x80;
        v >>>= 7;
      }
      b[p++] = v;
    } else {
      let lo = v >>> 0;
      let hi = Math.floor(v / TWO_32);
      while (hi > 0 || lo > 0x7f) {
        b[p++] = (lo & 0x7f) | 0x80;
        lo = ((lo >>> 7) | (hi << 25)) >>> 0;
        hi >>>= 7;
      }
      b[p++] = lo;
    }
    this.pos = p;
  }

  /** int32/int64 varint; negative values take ten bytes (two's complement), as protobuf requires. */
  svarint(v: number): void {
    if (v >= 0) {
      this.uvarint(v);
      return;
    }
    this.ensure(10);
    let lo = v >>> 0;
    let hi = Math.floor(v / TWO_32) >>> 0;
    const b = this.buf;
    for (let i = 0; i < 9; i++) {
      b[this.pos++] = (lo & 0x7f) | 0x80;
      lo = ((lo >>> 7) | (hi << 25)) >>> 0;
      hi >>>= 7;
    }
    b[this.pos++] = lo & 0x01;
  }

  tag(field: number, wire: number): void {
    this.uvarint((field << 3) | wire);
  }

  /** Scalar fields are left out when zero/empty, as proto3 does. */
  int(field: number, v: number): void {
    if (v === 0) return;
    this.tag(field, WIRE_VARINT);
    this.svarint(v);
  }

  bool(field: number, v: boolean): void {
    if (!v) return;
    this.tag(field, WIRE_VARINT);
    this.uvarint(1);
  }

  string(field: number, s: string): void {
    if (s.length === 0) return;
    this.stringAlways(field, s);
  }

  /** For repeated strings and map entries, where an empty value still counts. */
  stringAlways(field: number, s: string): void {
    this.tag(field, WIRE_LEN);
    const len = s.length;
    if (len < 0x80) {
      // Short ASCII, the usual case: copy char codes, no byteLength pass.
      this.ensure(len + 1);
      const b = this.buf;
      const p = this.pos + 1;
      let i = 0;
      for (; i < len; i++) {
        const c = s.charCodeAt(i);
        if (c >= 0x80) break;
        b[p + i] = c;
      }
      if (i === len) {
        b[this.pos] = len;
        this.pos = p + len;
        return;
      }
    }
    const n = Buffer.byteLength(s);
    this.uvarint(n);
    this.ensure(n);
    this.buf.write(s, this.pos, n, "utf8");
    this.pos += n;
  }

  bytes(field: number, v: Uint8Array | undefined): void {
    if (v === undefined || v.length === 0) return;
    this.tag(field, WIRE_LEN);
    this.uvarint(v.length);
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }

  /** Starts a length-delimited sub-message; returns the mark for end(). */
  begin(field: number): number {
    this.tag(field, WIRE_LEN);
    this.ensure(1);
    return this.pos++;
  }

  /** Closes a sub-message, moving its body right when its length needs more than one byte. */
  end(mark: number): void {
    const len = this.pos - mark - 1;
    if (len < 0x80) {
      this.buf[mark] = len;
      return;
    }
    const extra = len < 1 << 14 ? 1 : len < 1 << 21 ? 2 : len < 1 << 28 ? 3 : 4;
    this.ensure(extra);
    this.buf.copy(this.buf, mark + 1 + extra, mark + 1, this.pos);
    const save = this.pos + extra;
    this.pos = mark;
    this.uvarint(len);
    this.pos = save;
  }
}

/** Bytes that are not the protobuf message expected; `offset` is where the reader was in its buffer. */
export class PbError extends StorageError {
  constructor(message: string, offset?: number, kind: StorageErrorKind = "corrupt") {
    super(kind, message, { offset });
    this.name = "PbError";
  }
}

export class PbReader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start: number,
    public end: number,
  ) {
    this.pos = start;
  }

  get more(): boolean {
    return this.pos < this.end;
  }

  private byte(): number {
    if (this.pos >= this.end) throw new PbError("message ends inside a varint", this.pos);
    return this.buf[this.pos++] as number;
  }

  /** A varint as an unsigned number (exact below 2^53). */
  uvarint(): number {
    const b = this.byte();
    if (b < 0x80) return b;
    this.pos--;
    this.loHi();
    return this.hi * TWO_32 + this.lo;
  }

  /** int32/int64: a varint with bit 63 set is negative (two's complement). */
  svarint(): number {
    const b = this.byte();
    if (b < 0x80) return b;
    this.pos--;
    this.loHi();
    if (this.hi & 0x80000000) return -((~this.hi >>> 0) * TWO_32 + (~this.lo >>> 0) + 1);
    return this.hi * TWO_32 + this.lo;
  }

  private lo = 0;
  private hi = 0;

  /** Reads a varint into lo/hi, the low and high 32 bits. */
  private loHi(): void {
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      if (i < 4) lo |= (b & 0x7f) << (7 * i);
      else if (i === 4) {
        lo |= (b & 0x0f) << 28;
        hi |= (b & 0x7f) >> 4;
      } else hi |= (b & 0x7f) << (7 * i - 32);
      if (b < 0x80) {
        this.lo = lo >>> 0;
        this.hi = hi >>> 0;
        return;
      }
    }
    throw new PbError("varint longer than ten bytes", this.pos);
  }

  /** The end offset of a length-delimited field's body; the reader then points at its start. */
  lenEnd(): number {
    const n = this.uvarint();
    const e = this.pos + n;
    if (e > this.end) throw new PbError("length-delimited field runs past its message", this.pos);
    return e;
  }

  string(): string {
    const e = this.lenEnd();
    const s = textOf(this.buf, this.pos, e);
    this.pos = e;
    return s;
  }

  /**
   * A string that often repeats (queue, type): the previous value is reused
   * when the bytes match, which saves an allocation per job at start-up.
   */
  internedString(slot: Interned): string {
    const e = this.lenEnd();
    const b = this.buf;
    const start = this.pos;
    this.pos = e;
    const prev = slot.bytes;
    if (prev !== undefined && prev.length === e - start) {
      let same = true;
      for (let i = 0; i < prev.length; i++) {
        if (prev[i] !== b[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return slot.value;
    }
    slot.bytes = new Uint8Array(b.subarray(start, e));
    slot.value = textOf(b, start, e);
    return slot.value;
  }

  /** A copy, so a decoded job does not pin the whole file buffer. */
  bytes(): Uint8Array {
    const e = this.lenEnd();
    const n = e - this.pos;
    let out = empty;
    if (n > 0 && n <= 64) {
      out = new Uint8Array(n);
      const b = this.buf;
      for (let i = 0, p = this.pos; i < n; i++, p++) out[i] = b[p] as number;
    } else if (n > 0) {
      out = new Uint8Array(n);
      out.set(this.buf.subarray(this.pos, e));
    }
    this.pos = e;
    return out;
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.uvarint();
        return;
      case WIRE_I64:
        this.pos += 8;
        break;
      case WIRE_LEN:
        this.pos = this.lenEnd();
        return;
      case WIRE_I32:
        this.pos += 4;
        break;
      default:
        throw new PbError(`unknown wire type ${wire}`, this.pos);
    }
    if (this.pos > this.end) throw new PbError("fixed-width field runs past its message", this.pos);
  }
}

const empty = new Uint8Array(0);

export interface Interned {
  bytes: Uint8Array | undefined;
  value: string;
}

/** Node's Buffer has latin1Slice at runtime (Bun too); the typings leave it out. */
type Latin1 = { latin1Slice(start: number, end: number): string };

/** Decodes UTF-8; plain ASCII, the usual case for ids and names, takes the faster latin1 path. */
function textOf(b: Buffer, start: number, end: number): string {
  if (end - start <= 64) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if ((b[i] as number) >= 0x80) {
        ascii = false;
        break;
      }
    }
    if (ascii) return (b as unknown as Latin1).latin1Slice(start, end);
  }
  return b.toString("utf8", start, end);
}

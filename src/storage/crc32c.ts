// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), slice-by-8.
// Bun.hash.crc32 and zlib.crc32 compute CRC-32 (IEEE), a different polynomial,
// so the WAL cannot use them. Vector: crc32c("123456789") = 0xE3069283.

const POLY = 0x82f63b78;

/** 8 tables of 256 entries; table k advances a byte that is k positions further back. */
const T = new Int32Array(8 * 256);
for (let n = 0; n < 256; n++) {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
  T[n] = c;
}
for (let n = 0; n < 256; n++) {
  let c = T[n] as number;
  for (let k = 1; k < 8; k++) {
    c = (T[c & 0xff] as number) ^ (c >>> 8);
    T[k * 256 + n] = c;
  }
}

/** CRC-32C of buf[start, end), continuing from `crc` (0 for a fresh checksum). Returns an unsigned 32-bit value. */
export function crc32c(buf: Uint8Array, start = 0, end = buf.length, crc = 0): number {
  let c = ~crc;
  let i = start;
  const t = T;
  for (; i + 8 <= end; i += 8) {
    const a = c ^ (buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24));
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + buf[i + 4]!]! ^
      t[512 + buf[i + 5]!]! ^
      t[256 + buf[i + 6]!]! ^
      t[buf[i + 7]!]!;
  }
  for (; i < end; i++) c = t[(c ^ buf[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

import { expect, test } from "bun:test";
import { crc32c } from "../../../src/storage/crc32c.ts";

const enc = new TextEncoder();

test("crc32c matches the standard check values", () => {
  expect(crc32c(enc.encode("123456789"))).toBe(0xe3069283);
  expect(crc32c(new Uint8Array(0))).toBe(0);
  // RFC 3720 B.4 vectors: 32 bytes of zeros, of 0xff, ascending.
  expect(crc32c(new Uint8Array(32))).toBe(0x8a9136aa);
  expect(crc32c(new Uint8Array(32).fill(0xff))).toBe(0x62a8ab43);
  expect(crc32c(Uint8Array.from({ length: 32 }, (_, i) => i))).toBe(0x46dd794e);
});

test("crc32c is not the IEEE CRC-32 that Bun.hash.crc32 computes", () => {
  expect(Bun.hash.crc32("123456789")).toBe(0xcbf43926);
  expect(crc32c(enc.encode("123456789"))).not.toBe(0xcbf43926);
});

test("crc32c over a range and continued equals crc32c of the whole", () => {
  const b = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
  for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) {
    expect(crc32c(b, cut, b.length, crc32c(b, 0, cut))).toBe(crc32c(b));
  }
});

// Request bytes are checked before protobufjs decodes them: lengths, wire
// types and UTF-8. protobufjs alone would cut a field that runs past the end
// and turn invalid UTF-8 into U+FFFD.

import { describe, expect, test } from "bun:test";
import protobuf from "protobufjs";
import { decodeFailure, decodeRequest } from "../../../src/rpc/decode.ts";
import { loaderOptions, messageType } from "../../../src/rpc/schema.ts";

const submit = messageType("SubmitJobRequest");
const register = messageType("RegisterWorkerRequest");

/** Hand-made protobuf: [tag, bytes] pairs, each a length-delimited field. */
function varint(n: number): number[] {
  const out: number[] = [];
  while (n > 127) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return out;
}
function len(field: number, body: number[], declared = body.length): number[] {
  return [...varint((field << 3) | 2), ...varint(declared), ...body];
}
const utf8 = (s: string) => [...new TextEncoder().encode(s)];

function failure(type: protobuf.Type, bytes: number[]): string | undefined {
  return decodeFailure(decodeRequest(type, Buffer.from(bytes), loaderOptions))?.message;
}

describe("decodeRequest", () => {
  test("a well-formed request decodes with defaults filled in", () => {
    const bytes = len(1, [...len(1, utf8("email.send")), ...len(3, len(9, utf8("key-1")))]);
    const r = decodeRequest(submit, Buffer.from(bytes), loaderOptions) as { job: { type: string; options: { idempotency_key: string; priority: number } } };
    expect(decodeFailure(r)).toBeUndefined();
    expect(r.job.type).toBe("email.send");
    expect(r.job.options.idempotency_key).toBe("key-1");
    expect(r.job.options.priority).toBe(0);
  });

  test("an inner length that runs past the end is refused, naming the field", () => {
    const inner = len(1, utf8("t"));
    const bytes = len(1, inner, inner.length + 5);
    expect(failure(submit, bytes)).toMatch(/^cannot decode SubmitJobRequest: job \(field 1\) is \d+ bytes long but runs past/);
    // protobufjs alone would not notice a nested string that overruns its message.
    const nested = len(1, [...varint((1 << 3) | 2), 9, ...utf8("abc")]);
    expect(failure(submit, nested)).toMatch(/job\.type .*runs past the end/);
  });

  test("garbage, a field numbered 0 and an unused wire type are refused", () => {
    expect(failure(submit, [0xff, 0xff, 0xff])).toMatch(/cannot decode SubmitJobRequest/);
    expect(failure(submit, [0x02, 0x00])).toMatch(/numbered 0/);
    expect(failure(submit, [(1 << 3) | 3])).toMatch(/wire type 3/);
  });

  test("a known field with the wrong wire type is refused", () => {
    expect(failure(submit, [(1 << 3) | 0, 5])).toMatch(/job has wire type 0; its declaration needs wire type 2/);
  });

  test("invalid UTF-8 is refused naming the field, at any depth", () => {
    const bad = [0xc3, 0x28];
    expect(failure(submit, len(1, len(1, bad)))).toBe("job.type is not valid UTF-8");
    expect(failure(submit, len(1, len(3, len(9, [...utf8("k"), 0xff]))))).toBe("job.options.idempotency_key is not valid UTF-8");
    const entry = [...len(1, utf8("k")), ...len(2, bad)];
    expect(failure(submit, len(1, len(3, len(10, entry))))).toBe("a value of job.options.metadata is not valid UTF-8");
    expect(failure(register, len(4, bad))).toBe("queues[0] is not valid UTF-8");
    expect(failure(register, [...len(4, utf8("a")), ...len(4, bad)])).toBe("queues[1] is not valid UTF-8");
  });

  test("bytes fields may hold anything; unknown fields are skipped", () => {
    const bytes = len(1, [...len(1, utf8("t")), ...len(2, [0xff, 0xfe]), ...len(15, [0xff])]);
    expect(failure(submit, bytes)).toBeUndefined();
  });
});

test("importing the wire layer leaves the shared protobufjs reading int64 exactly", () => {
  // The wire layer reads int64 as numbers on its own private protobufjs; the
  // application's protobufjs must still decode 2^53 + 1 without rounding.
  const root = protobuf.parse(`syntax = "proto3"; message M { int64 v = 1; }`).root;
  const M = root.lookupType("M");
  const bytes = M.encode(M.fromObject({ v: "9007199254740993" })).finish();
  const v = M.toObject(M.decode(bytes), { longs: String }).v;
  expect(v).toBe("9007199254740993");
  expect(typeof messageType("Job")).toBe("object"); // the wire layer is loaded in this process
});

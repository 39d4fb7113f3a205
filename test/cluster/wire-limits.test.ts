// The wire limits of a real master process (dist/falconq on 127.0.0.1:0):
// ids, names, strings, counts and byte sizes checked at the edge, malformed
// protobuf and invalid UTF-8 refused as INVALID_ARGUMENT, long-polls whose
// caller left, lease-token fencing, ListJobs pages that fit a stock client.
// Each table row is one call: the status it must get and a pattern its
// message must match (the field, with its path; for a size or count, the
// limit and its unit). After every row the same connection still serves and
// the job count moved only by what an accepted call created; the last test
// SIGKILLs the master and checks the WAL holds exactly those jobs.

import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { status } from "@grpc/grpc-js";
import {
  defaultLimits,
  hostnameBytesMax,
  idBytesMax,
  listPageBytesMax,
  pollWaitMsMax,
  versionBytesMax,
  watchJobIdsMax,
  workerConcurrencyMax,
  workerQueuesMax,
  workerTypesMax,
} from "../../src/core/config.ts";
import { quotedCharsMax } from "../../src/core/text.ts";
import { JobStatus } from "../../src/core/types.ts";
import { LooseRpc as RpcClient } from "../helpers/master.ts";
import { messageType } from "../../src/rpc/schema.ts";
import { type Cluster, startCluster } from "../helpers/cluster.ts";
import { bytes, codeName, lenField, RawClient, settle, varint, varintField } from "../helpers/raw-grpc.ts";
import { asRuleText, MessageRule, mentions, num, type Row, RowChecker, row, ruleText } from "../helpers/wire-rows.ts";

// biome-ignore lint/suspicious/noExplicitAny: decoded wire messages
type Any = any;

const keyBytesMax = defaultLimits.idempotencyKeyBytesMax;
const { INVALID_ARGUMENT, NOT_FOUND, OK, FAILED_PRECONDITION } = status;
const callMs = 15_000;

let c: Cluster;
let rpc: RpcClient;
let raw: RawClient;
/** Runs the rows; its `created` counts the jobs accepted calls created, which the WAL must hold exactly. */
let checker: RowChecker;

beforeAll(async () => {
  // Nothing expires while the suite runs: leases and workers stay as the rows left them.
  c = await startCluster({ workers: 0, masterArgs: ["--worker-timeout", "300s", "--lease", "300s"] });
  rpc = new RpcClient(c.address);
  raw = new RawClient(c.address);
  checker = new RowChecker(rpc, raw, callMs);
}, 120_000);

afterAll(async () => {
  rpc?.close();
  raw?.close();
  await c?.[Symbol.asyncDispose]();
});

// ---- rows -------------------------------------------------------------------

/** `n` bytes starting with `prefix`, then cycling through every character an id may hold. */
function validId(n: number, prefix = ""): string {
  const chars = "AZaz09_.:-";
  return prefix + Array.from({ length: n - prefix.length }, (_, i) => chars[i % chars.length]).join("");
}

/** Rejected, naming the field, the limit and bytes. */
const overBytes = (field: string, limit: number) => mentions([field, num(limit), "bytes"]);
const longEcho = new MessageRule(`a{${quotedCharsMax + 1}}`, "", `an echo of over ${quotedCharsMax} input chars`);
/** For a huge input of "a"s: naming the field, under 300 chars, echoing at most a quotedCharsMax-char quote. */
const shortAbout = (field: string, limit?: number) =>
  mentions(limit === undefined ? [field] : [field, num(limit), "bytes"], [longEcho], 300);

const runRows = (rows: Row[]) =>
  test.each(rows.map((r) => [r.name, r] as const))(
    "%s",
    async (_name, r) => {
      const { got, want } = await checker.run(r);
      expect(got).toEqual(want);
    },
    30_000,
  );

// ---- multi-step helpers ---------------------------------------------------------

async function register(extra: object): Promise<string> {
  return (await rpc.call<Any>("RegisterWorker", { hostname: "wire-limits", concurrency: 100, ...extra }, callMs)).worker_id;
}

/** Submits through SubmitJob and counts the job as created by an accepted call. */
async function submit(spec: object): Promise<string> {
  const r = await rpc.call<Any>("SubmitJob", { job: spec }, callMs);
  if (!r.duplicate) checker.created++;
  return r.job.id;
}

async function getJob(id: string): Promise<Any> {
  return (await rpc.call<Any>("GetJob", { job_id: id }, callMs)).job;
}

// ---- 1. ids -----------------------------------------------------------------

const idFields: [rpc: string, field: string, atLimit: status, extra: object][] = [
  ["GetJob", "job_id", NOT_FOUND, {}],
  ["CancelJob", "job_id", NOT_FOUND, {}],
  ["RetryJob", "job_id", NOT_FOUND, {}],
  ["DeleteJob", "job_id", NOT_FOUND, {}],
  ["PromoteJob", "job_id", NOT_FOUND, {}],
  ["RegisterWorker", "worker_id", OK, {}],
  ["Heartbeat", "worker_id", NOT_FOUND, {}],
  ["PollJobs", "worker_id", NOT_FOUND, { count: 1 }],
  ["ListJobs", "page_token", OK, {}],
];

const badIds = { newline: "line\nbreak", "ANSI escape": "esc\x1b[31mred", space: "has space", slash: "has/slash" };

describe("1. ids are 1..idBytesMax bytes of A-Z a-z 0-9 _ . : -", () => {
  runRows([
    // A distinct prefix per row: the worker registered by one row is unknown to the others.
    ...idFields.flatMap(([m, f, atLimit, extra], i) => [
      row(`${m} ${f} of ${idBytesMax} bytes`, m, { ...extra, [f]: validId(idBytesMax, `x${i}-`) }, atLimit),
      row(`${m} ${f} of ${idBytesMax + 1} bytes`, m, { ...extra, [f]: validId(idBytesMax + 1, `x${i}-`) }, INVALID_ARGUMENT, overBytes(f, idBytesMax)),
    ]),
    row(`WatchJobs job_ids[0] of ${idBytesMax} bytes`, "WatchJobs", { job_ids: [validId(idBytesMax)] }, OK),
    row(`WatchJobs job_ids[1] of ${idBytesMax + 1} bytes`, "WatchJobs", { job_ids: ["a", validId(idBytesMax + 1)] }, INVALID_ARGUMENT, overBytes("job_ids[1]", idBytesMax)),
    row(`WatchJobs with ${watchJobIdsMax} job_ids`, "WatchJobs", { job_ids: Array.from({ length: watchJobIdsMax }, (_, i) => `w${i}`) }, OK),
    row(`WatchJobs with ${watchJobIdsMax + 1} job_ids`, "WatchJobs", { job_ids: Array.from({ length: watchJobIdsMax + 1 }, (_, i) => `w${i}`) }, INVALID_ARGUMENT, mentions(["job_ids", num(watchJobIdsMax)])),
    row("GetJob job_id of 20 KB, message short", "GetJob", { job_id: "a".repeat(20_000) }, INVALID_ARGUMENT, shortAbout("job_id", idBytesMax)),
    row("RegisterWorker worker_id of 20 KB, message short", "RegisterWorker", { worker_id: "a".repeat(20_000) }, INVALID_ARGUMENT, shortAbout("worker_id", idBytesMax)),
    ...Object.entries(badIds).flatMap(([what, id]) => [
      row(`GetJob job_id with ${what}`, "GetJob", { job_id: id }, INVALID_ARGUMENT, mentions(["job_id"])),
      row(`RegisterWorker worker_id with ${what}`, "RegisterWorker", { worker_id: id }, INVALID_ARGUMENT, mentions(["worker_id"])),
    ]),
    row(`PollJobs wait_ms ${pollWaitMsMax}, unknown worker`, "PollJobs", { worker_id: "nobody", count: 1, wait_ms: pollWaitMsMax }, NOT_FOUND),
    row(`PollJobs wait_ms ${pollWaitMsMax + 1}`, "PollJobs", { worker_id: "nobody", count: 1, wait_ms: pollWaitMsMax + 1 }, INVALID_ARGUMENT, mentions(["wait_ms", num(pollWaitMsMax)])),
  ]);

  test("a 200 KB job_id is INVALID_ARGUMENT, and calls in flight on the same connection still succeed (no GOAWAY)", async () => {
    const worker = await register({ queues: ["q-parked-empty"] });
    const parked = settle(rpc.call<Any>("PollJobs", { worker_id: worker, count: 1, wait_ms: 1000 }, callMs));
    await rpc.call("GetStats", {}, callMs); // answered after the poll above was handled, so it is parked now
    const big = settle(rpc.call("GetJob", { job_id: "a".repeat(200_000) }, callMs));
    const beside = settle(rpc.call("GetStats", {}, callMs));
    const [b, p, s] = await Promise.all([big, parked, beside]);
    const after = await settle(rpc.call("GetStats", {}, callMs));
    const rule = shortAbout("job_id", idBytesMax);
    expect({
      big: codeName(b.code),
      bigDetails: asRuleText(rule, b.details),
      parkedPoll: codeName(p.code),
      beside: codeName(s.code),
      after: codeName(after.code),
    }).toEqual({
      big: "INVALID_ARGUMENT",
      bigDetails: ruleText(rule),
      parkedPoll: "OK",
      beside: "OK",
      after: "OK",
    });
  }, 30_000);

  test("ids with ESC and newline are refused and never reach the master's log raw", async () => {
    const evil = "wire-\x1b[31mred\nINJECTED-LINE pretending to be the master";
    const from = c.master.lines.length;
    await submit({ type: "t", options: { queue: "q-inject" } });
    const outcomes = {
      register: await settle(rpc.call("RegisterWorker", { worker_id: evil, queues: ["q-inject"] }, callMs)),
      poll: await settle(rpc.call("PollJobs", { worker_id: evil, count: 1 }, callMs)),
      // Registering again without the lease releases it, which the master logs naming the worker.
      again: await settle(rpc.call("RegisterWorker", { worker_id: evil, queues: ["q-inject"] }, callMs)),
      heartbeat: await settle(rpc.call("Heartbeat", { worker_id: evil }, callMs)),
      get: await settle(rpc.call("GetJob", { job_id: evil }, callMs)),
    };
    // The same release for a plain id, logged naming it: once that line is read, so is every line before it.
    const marker = "wire-log-marker";
    await submit({ type: "t", options: { queue: "q-marker" } });
    await register({ worker_id: marker, queues: ["q-marker"] });
    await rpc.call("PollJobs", { worker_id: marker, count: 1 }, callMs);
    await register({ worker_id: marker, queues: ["q-marker"] });
    await c.master.waitForLog(new RegExp(marker), 10_000, from);
    const log = c.master.lines.slice(from);
    expect({
      codes: Object.fromEntries(Object.entries(outcomes).map(([k, o]) => [k, codeName(o.code)])),
      rawEscInLog: log.some((l) => l.includes("\x1b")),
      injectedLineInLog: log.some((l) => l.startsWith("INJECTED-LINE")),
    }).toEqual({
      codes: { register: "INVALID_ARGUMENT", poll: "INVALID_ARGUMENT", again: "INVALID_ARGUMENT", heartbeat: "INVALID_ARGUMENT", get: "INVALID_ARGUMENT" },
      rawEscInLog: false,
      injectedLineInLog: false,
    });
  }, 30_000);
});

// ---- 3. malformed protobuf and 4. invalid UTF-8 --------------------------------

/** SubmitJobRequest { job = JobSpec{ fields } }. */
const submitRaw = (...fields: Buffer[]) => lenField(1, bytes(...fields));
/** JobSpec.options = JobOptions{ fields }. */
const optionsRaw = (...fields: Buffer[]) => lenField(3, bytes(...fields));
/** One JobOptions.metadata map entry. */
const metaRaw = (k: Buffer, v: Buffer) => lenField(10, bytes(lenField(1, k), lenField(2, v)));
const typeT = lenField(1, "t");
const decodeFail = /cannot decode/i;

describe("3. malformed protobuf is INVALID_ARGUMENT, not INTERNAL", () => {
  runRows([
    row("SubmitJob whose JobSpec.type length runs past the end", "SubmitJob", submitRaw(lenField(1, "abc", 50)), INVALID_ARGUMENT, decodeFail),
    row("SubmitJob whose job field length runs past the end", "SubmitJob", bytes([0x0a], [100], "short"), INVALID_ARGUMENT, decodeFail),
    row("SubmitJob of garbage bytes FF FF FF", "SubmitJob", bytes([0xff, 0xff, 0xff]), INVALID_ARGUMENT, decodeFail),
    row("GetJob whose job_id length runs past the end", "GetJob", lenField(1, "a", 9), INVALID_ARGUMENT, decodeFail),
  ]);
});

describe("4. invalid UTF-8 in a string field is INVALID_ARGUMENT naming the field", () => {
  const bad = (s: string, b: number[]) => bytes(s, b);
  runRows([
    row("SubmitJob type with C3 28", "SubmitJob", submitRaw(lenField(1, bad("t-", [0xc3, 0x28]))), INVALID_ARGUMENT, mentions(["job.type"])),
    row("SubmitJob options.queue with FF", "SubmitJob", submitRaw(typeT, optionsRaw(lenField(1, bad("q-", [0xff])))), INVALID_ARGUMENT, mentions(["job.options.queue"])),
    // Both keys would decode to the same "key-\uFFFD": neither may be stored, so they cannot collide.
    row("SubmitJob idempotency_key with FF", "SubmitJob", submitRaw(typeT, optionsRaw(lenField(9, bad("wire-utf8-key-", [0xff])))), INVALID_ARGUMENT, mentions(["job.options.idempotency_key"])),
    row("SubmitJob idempotency_key with FE", "SubmitJob", submitRaw(typeT, optionsRaw(lenField(9, bad("wire-utf8-key-", [0xfe])))), INVALID_ARGUMENT, mentions(["job.options.idempotency_key"])),
    row("SubmitJob metadata key with C3 28", "SubmitJob", submitRaw(typeT, optionsRaw(metaRaw(bad("k", [0xc3, 0x28]), bytes("v")))), INVALID_ARGUMENT, mentions(["job.options.metadata"])),
    row("SubmitJob metadata value with FF", "SubmitJob", submitRaw(typeT, optionsRaw(metaRaw(bytes("k"), bad("v", [0xff])))), INVALID_ARGUMENT, mentions(["job.options.metadata"])),
    row(
      "SubmitJobs whose jobs[1].options.idempotency_key holds FF",
      "SubmitJobs",
      bytes(lenField(1, typeT), lenField(1, bytes(typeT, optionsRaw(lenField(9, bad("k", [0xff])))))),
      INVALID_ARGUMENT,
      mentions(["jobs[1].options.idempotency_key"]),
    ),
    row("RegisterWorker worker_id with C3 28", "RegisterWorker", bytes(lenField(1, bad("w-", [0xc3, 0x28])), varintField(5, 1)), INVALID_ARGUMENT, mentions(["worker_id"])),
    row("RegisterWorker hostname with FF", "RegisterWorker", lenField(2, bad("h", [0xff])), INVALID_ARGUMENT, mentions(["hostname"])),
  ]);
});

// ---- 5. sizes are UTF-8 bytes -----------------------------------------------------

const keyed = (key: string) => ({ job: { type: "t", options: { queue: "q-units", idempotency_key: key } } });
const withMeta = (v: string) => ({ job: { type: "t", options: { queue: "q-units", metadata: { k: v } } } });
const metaOver = mentions(["job.options.metadata", num(defaultLimits.metadataBytesMax), "bytes"]);

describe("5. string and bytes limits count UTF-8 bytes", () => {
  runRows([
    row(`idempotency_key of ${keyBytesMax} ASCII bytes`, "SubmitJob", keyed("k".repeat(keyBytesMax)), OK, undefined, 1),
    row(`idempotency_key of ${keyBytesMax + 1} ASCII bytes`, "SubmitJob", keyed("k".repeat(keyBytesMax + 1)), INVALID_ARGUMENT, overBytes("job.options.idempotency_key", keyBytesMax)),
    row("idempotency_key of 64 two-byte chars (128 bytes)", "SubmitJob", keyed("é".repeat(64)), OK, undefined, 1),
    row(`idempotency_key of ${keyBytesMax / 2} two-byte chars (${keyBytesMax} bytes)`, "SubmitJob", keyed("ß".repeat(keyBytesMax / 2)), OK, undefined, 1),
    row(`idempotency_key of ${keyBytesMax / 2 + 1} two-byte chars`, "SubmitJob", keyed("ß".repeat(keyBytesMax / 2 + 1)), INVALID_ARGUMENT, overBytes("job.options.idempotency_key", keyBytesMax)),
    row("idempotency_key of 200 emoji (800 bytes, 400 UTF-16 units)", "SubmitJob", keyed("😀".repeat(200)), INVALID_ARGUMENT, overBytes("job.options.idempotency_key", keyBytesMax)),
    row(
      `SubmitJobs jobs[1] idempotency_key of ${keyBytesMax + 1} bytes (nothing stored)`,
      "SubmitJobs",
      { jobs: [{ type: "t" }, keyed("j".repeat(keyBytesMax + 1)).job] },
      INVALID_ARGUMENT,
      overBytes("jobs[1].options.idempotency_key", keyBytesMax),
    ),
    row(`metadata of ${defaultLimits.metadataBytesMax} bytes, mostly two-byte chars`, "SubmitJob", withMeta(`${"é".repeat(defaultLimits.metadataBytesMax / 2 - 1)}x`), OK, undefined, 1),
    row(`metadata of ${defaultLimits.metadataBytesMax + 1} bytes`, "SubmitJob", withMeta("é".repeat(defaultLimits.metadataBytesMax / 2)), INVALID_ARGUMENT, metaOver),
    row(`payload of ${defaultLimits.payloadBytesMax} bytes`, "SubmitJob", { job: { type: "t", payload: Buffer.alloc(defaultLimits.payloadBytesMax, 1), options: { queue: "q-units" } } }, OK, undefined, 1),
    row(`payload of ${defaultLimits.payloadBytesMax + 1} bytes`, "SubmitJob", { job: { type: "t", payload: Buffer.alloc(defaultLimits.payloadBytesMax + 1, 1) } }, INVALID_ARGUMENT, overBytes("job.payload", defaultLimits.payloadBytesMax)),
  ]);
});

// ---- 5b. unique and debounce keys ---------------------------------------------------

const uniqueBytesMax = defaultLimits.uniqueKeyBytesMax;
const uq = (options: object) => ({ job: { type: "t", options: { queue: "q-keys", ...options } } });
const UNIQUE_SCOPE_TTL = 2;
const UNIQUE_CONFLICT_REJECT = 2;
const DEBOUNCE_MODE_EXTEND_ONLY = 2;

describe("5b. unique_key and debounce_key: bytes, enums, durations, duplicates create nothing", () => {
  const heldKey = "wire-held-key";
  runRows([
    row(`unique_key of ${uniqueBytesMax} ASCII bytes`, "SubmitJob", uq({ unique_key: "u".repeat(uniqueBytesMax) }), OK, undefined, 1),
    row(`unique_key of ${uniqueBytesMax + 1} ASCII bytes`, "SubmitJob", uq({ unique_key: "u".repeat(uniqueBytesMax + 1) }), INVALID_ARGUMENT, overBytes("job.options.unique_key", uniqueBytesMax)),
    row(`unique_key of ${uniqueBytesMax / 2 + 1} two-byte chars`, "SubmitJob", uq({ unique_key: "ß".repeat(uniqueBytesMax / 2 + 1) }), INVALID_ARGUMENT, overBytes("job.options.unique_key", uniqueBytesMax)),
    row("unique_key of 100,000 chars", "SubmitJob", uq({ unique_key: "a".repeat(100_000) }), INVALID_ARGUMENT, shortAbout("job.options.unique_key", uniqueBytesMax)),
    row("unique_key with FF", "SubmitJob", submitRaw(typeT, optionsRaw(lenField(14, bytes("u-", [0xff])))), INVALID_ARGUMENT, mentions(["job.options.unique_key"])),
    row("unique_key taken", "SubmitJob", uq({ unique_key: heldKey }), OK, undefined, 1),
    row("the same unique_key again (duplicate)", "SubmitJob", uq({ unique_key: heldKey }), OK, undefined, 0),
    row("the same unique_key with UNIQUE_CONFLICT_REJECT", "SubmitJob", uq({ unique_key: heldKey, unique_conflict: UNIQUE_CONFLICT_REJECT }), status.ALREADY_EXISTS, mentions([heldKey, "q-keys", "held"])),
    row("unique_conflict 9", "SubmitJob", uq({ unique_key: "k9", unique_conflict: 9 }), INVALID_ARGUMENT, mentions(["job.options.unique_conflict"])),
    row("unique_scope 7", "SubmitJob", uq({ unique_key: "k7", unique_scope: 7 }), INVALID_ARGUMENT, mentions(["job.options.unique_scope"])),
    row("unique_scope TTL without unique_ttl_ms", "SubmitJob", uq({ unique_key: "kt", unique_scope: UNIQUE_SCOPE_TTL }), INVALID_ARGUMENT, mentions(["job.options.unique_ttl_ms"])),
    row("unique_ttl_ms -1", "SubmitJob", uq({ unique_key: "kt", unique_ttl_ms: -1 }), INVALID_ARGUMENT, mentions(["job.options.unique_ttl_ms"])),
    row(`unique_ttl_ms ${defaultLimits.uniqueTtlMsMax + 1}`, "SubmitJob", uq({ unique_key: "kt", unique_ttl_ms: defaultLimits.uniqueTtlMsMax + 1 }), INVALID_ARGUMENT, mentions(["job.options.unique_ttl_ms", num(defaultLimits.uniqueTtlMsMax)])),
    row("unique_ttl_ms without unique_key", "SubmitJob", uq({ unique_ttl_ms: 1000 }), INVALID_ARGUMENT, mentions(["job.options.unique_key"])),
    row(`debounce_key of ${uniqueBytesMax} ASCII bytes`, "SubmitJob", uq({ debounce_key: "d".repeat(uniqueBytesMax), debounce_delay_ms: 3_600_000 }), OK, undefined, 1),
    row("the same debounce_key again (debounced)", "SubmitJob", uq({ debounce_key: "d".repeat(uniqueBytesMax), debounce_delay_ms: 3_600_000, debounce_mode: DEBOUNCE_MODE_EXTEND_ONLY }), OK, undefined, 0),
    row(`debounce_key of ${uniqueBytesMax + 1} ASCII bytes`, "SubmitJob", uq({ debounce_key: "d".repeat(uniqueBytesMax + 1) }), INVALID_ARGUMENT, overBytes("job.options.debounce_key", uniqueBytesMax)),
    row("debounce_key with C3 28", "SubmitJob", submitRaw(typeT, optionsRaw(lenField(17, bytes("d-", [0xc3, 0x28])))), INVALID_ARGUMENT, mentions(["job.options.debounce_key"])),
    row(`debounce_delay_ms ${defaultLimits.delayMsMax + 1}`, "SubmitJob", uq({ debounce_key: "dd", debounce_delay_ms: defaultLimits.delayMsMax + 1 }), INVALID_ARGUMENT, mentions(["job.options.debounce_delay_ms", num(defaultLimits.delayMsMax)])),
    row("debounce_mode 5", "SubmitJob", uq({ debounce_key: "dd", debounce_mode: 5 }), INVALID_ARGUMENT, mentions(["job.options.debounce_mode"])),
    row("debounce_key with delay_ms", "SubmitJob", uq({ debounce_key: "dd", delay_ms: 10 }), INVALID_ARGUMENT, mentions(["job.options", "delay_ms"])),
    row("unique_key with debounce_key", "SubmitJob", uq({ debounce_key: "dd", unique_key: "dd" }), INVALID_ARGUMENT, mentions(["unique_key", "debounce_key"])),
    row(
      `SubmitJobs jobs[1] unique_key of ${uniqueBytesMax + 1} bytes (nothing stored)`,
      "SubmitJobs",
      { jobs: [{ type: "t", options: { queue: "q-keys" } }, uq({ unique_key: "j".repeat(uniqueBytesMax + 1) }).job] },
      INVALID_ARGUMENT,
      overBytes("jobs[1].options.unique_key", uniqueBytesMax),
    ),
    row(
      "SubmitJobs jobs[1] rejects the key jobs[0] takes (nothing stored)",
      "SubmitJobs",
      { jobs: [uq({ unique_key: "batch-key" }).job, uq({ unique_key: "batch-key", unique_conflict: UNIQUE_CONFLICT_REJECT }).job] },
      status.ALREADY_EXISTS,
      mentions(["jobs[1]", "batch-key", "jobs[0]"]),
    ),
  ]);
});

// ---- 5c. schedules ---------------------------------------------------------------

const sched = (o: object) => ({ schedule: { name: "wire-s", type: "t", queue: "q-sched", every_ms: 3_600_000, ...o } });

describe("5c. CreateSchedule checks every field before the WAL; TriggerSchedule creates one job", () => {
  const L = defaultLimits;
  runRows([
    row(`name of ${L.scheduleNameBytesMax} bytes`, "CreateSchedule", sched({ name: "n".repeat(L.scheduleNameBytesMax) }), OK),
    row(`name of ${L.scheduleNameBytesMax + 1} bytes`, "CreateSchedule", sched({ name: "n".repeat(L.scheduleNameBytesMax + 1) }), INVALID_ARGUMENT, overBytes("schedule.name", L.scheduleNameBytesMax)),
    row("name of 100,000 chars", "CreateSchedule", sched({ name: "a".repeat(100_000) }), INVALID_ARGUMENT, shortAbout("schedule.name", L.scheduleNameBytesMax)),
    row(`cron of ${L.cronBytesMax + 1} bytes`, "CreateSchedule", sched({ every_ms: 0, cron: `${"0 ".repeat(L.cronBytesMax / 2)}*` }), INVALID_ARGUMENT, mentions(["schedule.cron", num(L.cronBytesMax), "bytes", "cronBytesMax"])),
    row("cron 61 * * * *", "CreateSchedule", sched({ every_ms: 0, cron: "61 * * * *" }), INVALID_ARGUMENT, mentions(["schedule.cron", '"61 * * * *"', "minute"])),
    row("time_zone Mars/Olympus", "CreateSchedule", sched({ every_ms: 0, cron: "0 9 * * *", time_zone: "Mars/Olympus" }), INVALID_ARGUMENT, mentions(['"0 9 * * *"', '"Mars/Olympus"'])),
    row(`time_zone of ${L.timeZoneBytesMax + 1} bytes`, "CreateSchedule", sched({ every_ms: 0, cron: "* * * * *", time_zone: "z".repeat(L.timeZoneBytesMax + 1) }), INVALID_ARGUMENT, overBytes("schedule.time_zone", L.timeZoneBytesMax)),
    row("cron and every_ms", "CreateSchedule", sched({ cron: "* * * * *" }), INVALID_ARGUMENT, mentions(["cron", "every_ms"])),
    row("every_ms 999", "CreateSchedule", sched({ every_ms: 999 }), INVALID_ARGUMENT, mentions(["schedule.every_ms", num(L.scheduleEveryMsMin)])),
    row("missed 9", "CreateSchedule", sched({ missed: 9 }), INVALID_ARGUMENT, mentions(["schedule.missed"])),
    row(`payload of ${L.schedulePayloadBytesMax + 1} bytes`, "CreateSchedule", sched({ payload: Buffer.alloc(L.schedulePayloadBytesMax + 1) }), INVALID_ARGUMENT, overBytes("schedule.payload", L.schedulePayloadBytesMax)),
    row("a valid schedule", "CreateSchedule", sched({}), OK),
    row("the same name again", "CreateSchedule", sched({}), status.ALREADY_EXISTS, mentions(['"wire-s"', "exists"])),
    row("the same name with replace", "CreateSchedule", { ...sched({ every_ms: 7_200_000 }), replace: true }, OK),
    row("GetSchedule of an unknown name", "GetSchedule", { name: "nope" }, NOT_FOUND, mentions(['"nope"'])),
    row("TriggerSchedule", "TriggerSchedule", { name: "wire-s" }, OK, undefined, 1),
  ]);
});

// ---- 5d. workflows: dependencies, flows, batches ----------------------------------------

const deps = (options: object) => ({ job: { type: "t", options: { queue: "q-flow", ...options } } });
const node = (type: string, extra: object = {}) => ({ job: { type, options: { queue: "q-flow" } }, ...extra });
const DEPENDENCY_POLICY_RUN_ANYWAY = 3;

/** SubmitFlowRequest bytes of a chain of FlowNodes nested `depth` deep (children = 3), built inside out without copying per level. */
function nestedFlow(depth: number): Buffer {
  const leaf = lenField(1, lenField(1, "t")); // FlowNode{job: JobSpec{type: "t"}}
  const sizes: number[] = new Array(depth); // sizes[i]: bytes of the node at depth i (0 = innermost)
  const heads: number[][] = new Array(depth);
  sizes[0] = leaf.length;
  for (let i = 1; i < depth; i++) {
    heads[i] = [0x1a, ...varint(sizes[i - 1] as number)]; // field 3 (children), LEN
    sizes[i] = leaf.length + (heads[i] as number[]).length + (sizes[i - 1] as number);
  }
  const root = [0x0a, ...varint(sizes[depth - 1] as number)]; // SubmitFlowRequest.root = 1
  const out = Buffer.alloc(root.length + (sizes[depth - 1] as number));
  let at = 0;
  out.set(root, at);
  at += root.length;
  for (let i = depth - 1; i >= 1; i--) {
    out.set(leaf, at);
    at += leaf.length;
    out.set(heads[i] as number[], at);
    at += (heads[i] as number[]).length;
  }
  out.set(leaf, at);
  return out;
}

describe("5d. workflows: depends_on, on_dependency_failure, batch_id, SubmitFlow, batches, GetDependencies", () => {
  let dep = "";
  let workerId = "";
  beforeAll(async () => {
    dep = await submit({ type: "dep", options: { queue: "q-flow" } });
    workerId = await register({ queues: ["q-flow"], types: ["nothing-runs"] });
  });
  const lim = defaultLimits;
  runRows([
    row("depends_on an existing job", "SubmitJob", () => deps({ depends_on: [dep], on_dependency_failure: DEPENDENCY_POLICY_RUN_ANYWAY }), OK, undefined, 1),
    row("depends_on an unknown id (nothing stored)", "SubmitJob", deps({ depends_on: ["no-such-job"] }), INVALID_ARGUMENT, mentions(["job.options.depends_on[0]", "no-such-job"])),
    row("depends_on with a space", "SubmitJob", deps({ depends_on: ["has space"] }), INVALID_ARGUMENT, mentions(["job.options.depends_on[0]"])),
    row("depends_on the same id twice", "SubmitJob", () => deps({ depends_on: [dep, dep] }), INVALID_ARGUMENT, mentions(["job.options.depends_on[1]", "twice"])),
    row(`depends_on ${lim.dependenciesMax + 1} ids`, "SubmitJob", deps({ depends_on: Array.from({ length: lim.dependenciesMax + 1 }, (_, i) => `j${i}`) }), INVALID_ARGUMENT, mentions(["job.options.depends_on", num(lim.dependenciesMax)])),
    row("depends_on with FF", "SubmitJob", submitRaw(typeT, optionsRaw(lenField(21, bytes("j-", [0xff])))), INVALID_ARGUMENT, mentions(["job.options.depends_on"])),
    row("on_dependency_failure 9", "SubmitJob", () => deps({ depends_on: [dep], on_dependency_failure: 9 }), INVALID_ARGUMENT, mentions(["job.options.on_dependency_failure"])),
    row("depends_on with debounce_key", "SubmitJob", () => deps({ depends_on: [dep], debounce_key: "dk" }), INVALID_ARGUMENT, mentions(["depends_on", "debounce_key"])),
    row("batch_id unknown", "SubmitJob", deps({ batch_id: "no-such-batch" }), NOT_FOUND, mentions(["job.options.batch_id", "no-such-batch"])),
    row("batch_id with a slash", "SubmitJob", deps({ batch_id: "a/b" }), INVALID_ARGUMENT, mentions(["job.options.batch_id"])),
    row("SubmitJobs jobs[1] depends_on an unknown id (nothing stored)", "SubmitJobs", { jobs: [deps({}).job, deps({ depends_on: ["nope"] }).job] }, INVALID_ARGUMENT, mentions(["jobs[1].options.depends_on[0]", "nope"])),
    row("SubmitFlow of three jobs", "SubmitFlow", { root: node("root", { children: [node("a"), node("b")] }) }, OK, undefined, 3),
    row("SubmitFlow without a root", "SubmitFlow", {}, INVALID_ARGUMENT, mentions(["root"])),
    row("SubmitFlow with a bad child type (nothing stored)", "SubmitFlow", { root: node("root", { children: [node("ok"), node("bad type")] }) }, INVALID_ARGUMENT, mentions(["root.children[1].type"])),
    row(
      "SubmitFlow with a cycle (nothing stored)",
      "SubmitFlow",
      { root: node("r", { children: [node("a", { ref: "ra", depends_on_refs: ["rb"] }), node("b", { ref: "rb", depends_on_refs: ["ra"] })] }) },
      INVALID_ARGUMENT,
      mentions(["cycle", "ra", "rb"]),
    ),
    row("SubmitFlow with an unknown ref", "SubmitFlow", { root: node("r", { children: [node("a", { depends_on_refs: ["zz"] })] }) }, INVALID_ARGUMENT, mentions(["root.children[0].depends_on_refs[0]", "zz"])),
    row(`SubmitFlow of ${lim.flowJobsMax + 1} jobs`, "SubmitFlow", { root: node("r", { children: Array.from({ length: lim.flowJobsMax }, () => node("c")) }) }, INVALID_ARGUMENT, mentions(["flow", num(lim.flowJobsMax)])),
    row(`SubmitFlow nested ${lim.flowDepthMax} levels`, "SubmitFlow", nestedFlow(lim.flowDepthMax), OK, undefined, lim.flowDepthMax),
    row(`SubmitFlow nested ${lim.flowDepthMax + 1} levels`, "SubmitFlow", nestedFlow(lim.flowDepthMax + 1), INVALID_ARGUMENT, mentions([num(lim.flowDepthMax), "levels"])),
    row("SubmitFlow nested 300,000 levels (no stack overflow takes the master down)", "SubmitFlow", nestedFlow(300_000), INVALID_ARGUMENT),
    row("SubmitFlow with unique_key on a child", "SubmitFlow", { root: node("r", { children: [{ job: { type: "a", options: { unique_key: "u" } } }] }) }, INVALID_ARGUMENT, mentions(["root.children[0]", "unique_key"])),
    row(`CreateBatch description of ${lim.batchDescriptionBytesMax + 1} bytes`, "CreateBatch", { description: "d".repeat(lim.batchDescriptionBytesMax + 1) }, INVALID_ARGUMENT, overBytes("description", lim.batchDescriptionBytesMax)),
    row("CreateBatch on_complete with depends_on", "CreateBatch", () => ({ on_complete: deps({ depends_on: [dep] }).job }), INVALID_ARGUMENT, mentions(["on_complete", "depends_on"])),
    row("CreateBatch on_success with a bad type", "CreateBatch", { on_success: { type: "bad type" } }, INVALID_ARGUMENT, mentions(["on_success.type"])),
    row("CreateBatch", "CreateBatch", { on_complete: deps({}).job, description: "wire ✓" }, OK),
    row("CloseBatch unknown", "CloseBatch", { batch_id: "no-such-batch" }, NOT_FOUND, mentions(["no-such-batch"])),
    row("CloseBatch with a newline", "CloseBatch", { batch_id: "a\nb" }, INVALID_ARGUMENT, mentions(["batch_id"])),
    row("GetBatch empty", "GetBatch", { batch_id: "" }, INVALID_ARGUMENT, mentions(["batch_id"])),
    row("GetDependencies without a lease token", "GetDependencies", () => ({ worker_id: workerId, job_id: dep }), INVALID_ARGUMENT, mentions(["lease_token"])),
    row("GetDependencies with a stale token", "GetDependencies", () => ({ worker_id: workerId, job_id: dep, lease_token: "AAAAAAAAAAAAAAAAAAAAAA" }), FAILED_PRECONDITION, mentions(["not running"])),
  ]);

  test("the accepted flow's jobs carry parent_id and flow_id; the waiting one counts its dependency", async () => {
    const listed = (await rpc.call<Any>("ListJobs", { queue: "q-flow", limit: 100 }, callMs)).jobs;
    const root = listed.find((j: Any) => j.type === "root");
    expect(root.state).toBe(JobStatus.Waiting);
    expect(root.dependencies_unfinished).toBe(2);
    expect(listed.filter((j: Any) => j.parent_id === root.id).map((j: Any) => j.type).sort()).toEqual(["a", "b"]);
    expect(listed.filter((j: Any) => j.flow_id === root.id)).toHaveLength(3);
  });
});

// ---- 6. RegisterWorker --------------------------------------------------------------

const names = (n: number, p: string) => Array.from({ length: n }, (_, i) => `${p}${i}`);
const concurrencyRange = mentions(["concurrency", num(workerConcurrencyMax)]);

describe("6. RegisterWorker checks every field", () => {
  runRows([
    row("concurrency -5", "RegisterWorker", { concurrency: -5 }, INVALID_ARGUMENT, concurrencyRange),
    row("concurrency 2^31-1", "RegisterWorker", { concurrency: 2 ** 31 - 1 }, INVALID_ARGUMENT, concurrencyRange),
    row(`concurrency ${workerConcurrencyMax + 1}`, "RegisterWorker", { concurrency: workerConcurrencyMax + 1 }, INVALID_ARGUMENT, concurrencyRange),
    row(`concurrency ${workerConcurrencyMax}`, "RegisterWorker", { concurrency: workerConcurrencyMax }, OK),
    row("concurrency 0 (default)", "RegisterWorker", { concurrency: 0 }, OK),
    row('queues ["bad queue!"]', "RegisterWorker", { queues: ["bad queue!"] }, INVALID_ARGUMENT, mentions(["queues[0]"])),
    row('queues [""]', "RegisterWorker", { queues: [""] }, INVALID_ARGUMENT, mentions(["queues[0]"])),
    row('queues ["fine", "bad queue!"]', "RegisterWorker", { queues: ["fine", "bad queue!"] }, INVALID_ARGUMENT, mentions(["queues[1]"])),
    row(`${workerQueuesMax} queues`, "RegisterWorker", { queues: names(workerQueuesMax, "q") }, OK),
    row(`${workerQueuesMax + 1} queues`, "RegisterWorker", { queues: names(workerQueuesMax + 1, "q") }, INVALID_ARGUMENT, mentions(["queues", num(workerQueuesMax)])),
    row("types[0] of 10,000 chars", "RegisterWorker", { types: ["a".repeat(10_000)] }, INVALID_ARGUMENT, shortAbout("types[0]")),
    row(`${workerTypesMax} types`, "RegisterWorker", { types: names(workerTypesMax, "t") }, OK),
    row(`${workerTypesMax + 1} types`, "RegisterWorker", { types: names(workerTypesMax + 1, "t") }, INVALID_ARGUMENT, mentions(["types", num(workerTypesMax)])),
    row("worker_id of 100,000 chars", "RegisterWorker", { worker_id: "a".repeat(100_000) }, INVALID_ARGUMENT, shortAbout("worker_id", idBytesMax)),
    row(`hostname of ${hostnameBytesMax} bytes`, "RegisterWorker", { hostname: "h".repeat(hostnameBytesMax) }, OK),
    row(`hostname of ${hostnameBytesMax + 1} bytes`, "RegisterWorker", { hostname: "h".repeat(hostnameBytesMax + 1) }, INVALID_ARGUMENT, overBytes("hostname", hostnameBytesMax)),
    row(`hostname of ${Math.ceil((hostnameBytesMax + 1) / 2)} two-byte chars`, "RegisterWorker", { hostname: "é".repeat(Math.ceil((hostnameBytesMax + 1) / 2)) }, INVALID_ARGUMENT, overBytes("hostname", hostnameBytesMax)),
    row("hostname with a newline", "RegisterWorker", { hostname: "host\nname" }, INVALID_ARGUMENT, mentions(["hostname"])),
    row("hostname with ESC", "RegisterWorker", { hostname: "host\x1b[31m" }, INVALID_ARGUMENT, mentions(["hostname"])),
    row(`version of ${versionBytesMax} bytes`, "RegisterWorker", { version: "v".repeat(versionBytesMax) }, OK),
    row(`version of ${versionBytesMax + 1} bytes`, "RegisterWorker", { version: "v".repeat(versionBytesMax + 1) }, INVALID_ARGUMENT, overBytes("version", versionBytesMax)),
  ]);
});

// ---- 9. lease tokens and 7. progress ------------------------------------------------

interface Leased {
  job: Any;
  lease_token: string;
}

describe("9. lease tokens fence acks; 7. progress must be JSON", () => {
  const leaseCount = 20;
  let worker = "";
  let leases: Leased[] = [];
  const lease = (i: number) => leases[i] ?? { job: { id: `missing-lease-${i}` }, lease_token: "" };
  const ack = (i: number, token: string) => () => ({ worker_id: worker, job_id: lease(i).job.id, lease_token: token, success: true });
  const progress = (text: string) => () => ({ worker_id: worker, job_id: lease(2).job.id, lease_token: lease(2).lease_token, progress: text });
  const tokenList = /lease_tokens?|active_job_ids/;

  beforeAll(async () => {
    const r = await rpc.call<Any>("SubmitJobs", { jobs: names(leaseCount, "").map(() => ({ type: "t", options: { queue: "q-lease" } })) }, callMs);
    checker.created += r.jobs.length;
    worker = await register({ queues: ["q-lease"] });
    leases = (await rpc.call<Any>("PollJobs", { worker_id: worker, count: leaseCount }, callMs)).jobs;
  }, 30_000);

  test(`${leaseCount} leases: distinct random tokens of at least 20 chars, no two sharing a prefix past 8 chars`, () => {
    const tokens = leases.map((l) => l.lease_token);
    let shared = { n: 0, pair: "" };
    for (let i = 0; i < tokens.length; i++) {
      for (let j = i + 1; j < tokens.length; j++) {
        const n = sharedPrefix(tokens[i]!, tokens[j]!);
        if (n > shared.n) shared = { n, pair: `${tokens[i]} ${tokens[j]}` };
      }
    }
    const shortest = tokens.reduce((a, t) => (t.length < a.length ? t : a), tokens[0] ?? "");
    // Each property is `true` when it holds, else the evidence against it.
    expect({
      count: tokens.length,
      distinct: new Set(tokens).size,
      atLeast20Chars: shortest.length >= 20 || `shortest: "${shortest}" (${shortest.length} chars)`,
      sharedPrefixAtMost8: shared.n <= 8 || `"${shared.pair}" share ${shared.n} chars`,
    }).toEqual({ count: leaseCount, distinct: leaseCount, atLeast20Chars: true, sharedPrefixAtMost8: true });
  });

  runRows([
    row("AcknowledgeJob with an empty lease_token", "AcknowledgeJob", ack(0, ""), INVALID_ARGUMENT, mentions(["lease_token"])),
    row('AcknowledgeJob with lease_token "xyz"', "AcknowledgeJob", ack(0, "xyz"), INVALID_ARGUMENT, mentions(["lease_token", "not a lease token"])),
    row("AcknowledgeJob with another job's live token", "AcknowledgeJob", () => ack(0, lease(1).lease_token)(), FAILED_PRECONDITION, mentions([/current lease/], ["leased again"])),
    row("Heartbeat naming a job without a token", "Heartbeat", () => ({ worker_id: worker, active_job_ids: [lease(0).job.id] }), INVALID_ARGUMENT, mentions([tokenList])),
    row("Heartbeat naming a job with an empty token", "Heartbeat", () => ({ worker_id: worker, active_job_ids: [lease(0).job.id], lease_tokens: [""] }), INVALID_ARGUMENT, mentions([tokenList])),
    row('ReportProgress "{oops"', "ReportProgress", progress("{oops"), INVALID_ARGUMENT, mentions(["progress", /JSON/])),
    row("ReportProgress of valid JSON", "ReportProgress", progress('{"done":1}'), OK),
    row("AcknowledgeJob with the job's own token", "AcknowledgeJob", () => ack(0, lease(0).lease_token)(), OK),
  ]);

  test("the rows left the fenced jobs as they should: job 0 COMPLETED, job 1 still RUNNING, job 2 carries the JSON progress", async () => {
    const [j0, j1, j2] = await Promise.all([0, 1, 2].map((i) => getJob(lease(i).job.id)));
    expect({ j0: j0.state, j1: j1.state, j2progress: j2.progress }).toEqual({ j0: JobStatus.Completed, j1: JobStatus.Running, j2progress: '{"done":1}' });
  });
});

function sharedPrefix(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

// ---- 7. other request checks ------------------------------------------------------------

describe("7. queue names and page tokens are checked", () => {
  runRows([
    row('WatchJobs queue "bad queue!"', "WatchJobs", { queue: "bad queue!" }, INVALID_ARGUMENT, mentions(["queue"])),
    row('ListJobs page_token "not a token!"', "ListJobs", { page_token: "not a token!" }, INVALID_ARGUMENT, mentions(["page_token"])),
    row("ListJobs page_token of 200 KB", "ListJobs", { page_token: "a".repeat(200_000) }, INVALID_ARGUMENT, shortAbout("page_token", idBytesMax)),
  ]);
});

// ---- 8. ListJobs pages ---------------------------------------------------------------------

describe("8. a ListJobs page holds at most listPageBytesMax of job data", () => {
  const queue = "q-pages";
  const count = 5;
  const payloadBytes = defaultLimits.payloadBytesMax;
  let ids: string[] = [];

  beforeAll(async () => {
    const jobs = Array.from({ length: count }, (_, i) => ({ type: "t", payload: Buffer.alloc(payloadBytes, i + 1), options: { queue } }));
    ids = (await rpc.call<Any>("SubmitJobs", { jobs }, 60_000)).jobs.map((j: Any) => j.id);
    checker.created += ids.length;
  }, 60_000);

  const payloadSum = (jobs: Any[]) => jobs.reduce((n, j) => n + (j.payload?.length ?? 0), 0);

  test("with include_payloads a page stops near listPageBytesMax and next_page_token reaches the rest", async () => {
    const first = await rpc.call<Any>("ListJobs", { queue, include_payloads: true, limit: 100 }, callMs);
    const seen: Any[] = [...first.jobs];
    let token: string = first.next_page_token;
    for (let page = 0; page < count && token !== ""; page++) {
      const next = await rpc.call<Any>("ListJobs", { queue, include_payloads: true, limit: 100, page_token: token }, callMs);
      seen.push(...next.jobs);
      token = next.next_page_token;
    }
    expect({
      firstPageShort: first.jobs.length < count,
      firstPageWithinBytes: payloadSum(first.jobs) <= listPageBytesMax + payloadBytes,
      all: seen.map((j) => j.id),
      fullPayloads: seen.every((j) => j.payload?.length === payloadBytes),
    }).toEqual({ firstPageShort: true, firstPageWithinBytes: true, all: ids, fullPayloads: true });
  }, 30_000);

  test("a stock grpc-js client (4 MiB receive limit) pages through every job with payloads", async () => {
    const stock = new RawClient(c.address);
    const req = messageType("ListJobsRequest");
    const res = messageType("ListJobsResponse");
    const seen: string[] = [];
    let failure: string | undefined;
    try {
      let token = "";
      for (let page = 0; page <= count; page++) {
        const o = await stock.unary("ListJobs", req.encode({ queue, include_payloads: true, limit: 100, page_token: token }).finish(), callMs);
        if (o.value === undefined) {
          failure = `${codeName(o.code)}: ${o.details}`;
          break;
        }
        const r = res.decode(o.value) as Any;
        seen.push(...r.jobs.map((j: Any) => j.id));
        token = r.next_page_token;
        if (token === "") break;
      }
    } finally {
      stock.close();
    }
    expect({ failure, seen }).toEqual({ failure: undefined, seen: ids });
  }, 30_000);

  test("without include_payloads the jobs come without payload, all in one page", async () => {
    const r = await rpc.call<Any>("ListJobs", { queue, limit: 100 }, callMs);
    expect({ ids: r.jobs.map((j: Any) => j.id), payloadBytes: payloadSum(r.jobs), next: r.next_page_token }).toEqual({ ids, payloadBytes: 0, next: "" });
  }, 30_000);
});

// ---- 2. long-polls whose caller left -----------------------------------------------------------

describe("2. a long-poll its caller abandoned leases nothing", () => {
  /** Submits one max_attempts 1 job to `queue`; a live poll must get it at attempt 1, and its ack completes it. */
  async function expectLivePollRunsIt(queue: string, abandonedBy: string): Promise<void> {
    const id = await submit({ type: "t", options: { queue, max_attempts: 1 } });
    const live = await register({ queues: [queue] });
    const polled = await settle(rpc.call<Any>("PollJobs", { worker_id: live, count: 1, wait_ms: 2000 }, callMs));
    const leased: Leased | undefined = polled.value?.jobs?.[0];
    const held = await getJob(id);
    const acked = await settle(rpc.call<Any>("AcknowledgeJob", { worker_id: live, job_id: id, lease_token: leased?.lease_token ?? "", success: true }, callMs));
    const final = await getJob(id);
    expect({
      leasedToLivePoll: leased?.job?.id,
      attempt: leased?.job?.attempt,
      holder: held.worker_id === abandonedBy ? "the abandoned poll's worker" : held.worker_id,
      ack: codeName(acked.code),
      final: final.state,
    }).toEqual({ leasedToLivePoll: id, attempt: 1, holder: live, ack: "OK", final: JobStatus.Completed });
  }

  test("a poll whose call deadline is shorter than wait_ms: answered empty in time; the next submit goes to a live poll", async () => {
    const queue = "q-abandon-deadline";
    const gone = await register({ queues: [queue] });
    const o = await settle(rpc.call<Any>("PollJobs", { worker_id: gone, count: 1, wait_ms: 5000 }, 300));
    // The master cuts the wait to answer (empty) before the caller's 300 ms deadline.
    expect(codeName(o.code)).toBe("OK");
    expect(o.value.jobs).toEqual([]);
    await expectLivePollRunsIt(queue, gone);
  }, 30_000);

  test("a poll the client cancelled: the next submit goes to a live poll, attempt 1, and completes", async () => {
    const queue = "q-abandon-cancel";
    const gone = await register({ queues: [queue] });
    const body = messageType("PollJobsRequest").encode({ worker_id: gone, count: 1, wait_ms: 5000 }).finish();
    const { call, done } = raw.start("PollJobs", body, callMs);
    await raw.unary("GetStats", Buffer.alloc(0), callMs); // answered after the poll was handled: it is parked now
    call.cancel();
    expect(codeName((await done).code)).toBe("CANCELLED");
    await expectLivePollRunsIt(queue, gone);
  }, 30_000);

  test("no job of those queues is RUNNING or FAILED", async () => {
    const st = await rpc.call<Any>("GetStats", {}, callMs);
    const qs = st.queues.filter((q: Any) => q.queue.startsWith("q-abandon-"));
    expect(qs.map((q: Any) => [q.queue, q.running, q.failed])).toEqual([
      ["q-abandon-cancel", 0, 0],
      ["q-abandon-deadline", 0, 0],
    ]);
  });
});

// ---- the WAL holds exactly what accepted calls created ---------------------------------------

describe("after SIGKILL and a restart on the same data dir", () => {
  test("the master holds exactly the jobs accepted calls created, none from a rejected call", async () => {
    const beforeKill = (await rpc.call<Any>("GetStats", {}, callMs)).jobs_total;
    await c.killMaster();
    await c.restartMaster();
    const fresh = new RpcClient(c.address);
    try {
      const afterRestart = (await fresh.call<Any>("GetStats", {}, callMs)).jobs_total;
      expect({ beforeKill, afterRestart }).toEqual({ beforeKill: checker.created, afterRestart: checker.created });
    } finally {
      fresh.close();
    }
  }, 60_000);
});

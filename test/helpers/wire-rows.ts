// Table rows for wire tests: one call each, the status it must get and a
// rule its message must match. A rule is a RegExp that also says in words
// what it wants, so a failing row's diff reads "a message naming job_id, 128,
// bytes" against the message the master sent. After each call the checker
// asks GetStats on the same connection: the master must still serve, and
// the job count may move only by what an accepted call created.

import { status } from "@grpc/grpc-js";
import type { LooseRpc as RpcClient } from "./master.ts";
import { messageType } from "../../src/rpc/schema.ts";
import { codeName, type Outcome, type RawClient, settle, watchOutcome } from "./raw-grpc.ts";

// ---- what a message must say ------------------------------------------------

const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A RegExp that also says in words what it requires, so a failing row's diff reads as prose. */
export class MessageRule extends RegExp {
  constructor(
    source: string,
    flags: string,
    readonly says: string,
  ) {
    super(source, flags);
  }
}

const shown = (x: string | RegExp) => (typeof x === "string" ? x : x instanceof MessageRule ? x.says : x.source);

/** A number as digits, with or without thousands separators. */
export function num(n: number): MessageRule {
  const grouped = n.toLocaleString("en-US");
  const alts = [String(n), grouped, grouped.replaceAll(",", "_")].map(literal);
  return new MessageRule(`(?:${[...new Set(alts)].join("|")})`, "", String(n));
}

/**
 * A rule matching a message that mentions every item, in any order, each as
 * a whole token (field paths and words literal, RegExps as given), none of
 * `absent`, and (when given) is shorter than `maxChars`.
 */
export function mentions(items: (string | RegExp)[], absent: (string | RegExp)[] = [], maxChars?: number): MessageRule {
  const token = (x: string | RegExp) =>
    typeof x === "string" ? `(?<![A-Za-z0-9_])${literal(x)}(?![A-Za-z0-9_])` : `(?<![0-9])(?:${x.source})(?![0-9])`;
  const short = maxChars === undefined ? "" : `(?![\\s\\S]{${maxChars}})`;
  const need = items.map((x) => `(?=[\\s\\S]*${token(x)})`).join("");
  const avoid = absent.map((x) => `(?![\\s\\S]*${token(x)})`).join("");
  const says = [
    `naming ${items.map(shown).join(", ")}`,
    ...(absent.length > 0 ? [`without ${absent.map(shown).join(", ")}`] : []),
    ...(maxChars === undefined ? [] : [`under ${maxChars} chars`]),
  ].join("; ");
  return new MessageRule(`^${short}${avoid}${need}`, "i", says);
}

/** What a message must be, in words (the expected side of a diff). */
export function ruleText(rule: RegExp | undefined): string {
  if (rule === undefined) return "(any message)";
  return `a message ${rule instanceof MessageRule ? rule.says : `matching ${rule}`}`;
}

/** `details` as the received side of a diff: the rule's words when it matches, else the message itself. */
export function asRuleText(rule: RegExp | undefined, details: string): string {
  return rule === undefined || rule.test(details) ? ruleText(rule) : details;
}

// ---- rows -------------------------------------------------------------------

type Req = object | Uint8Array;

export interface Row {
  name: string;
  rpc: string;
  /** Proto field names, or raw request bytes; a function when it needs values from earlier tests. */
  req: Req | (() => Req);
  code: status;
  msg?: RegExp;
  /** Jobs an accepted call creates. */
  creates: number;
}

export function row(name: string, rpc: string, req: Row["req"], code: status, msg?: RegExp, creates = 0): Row {
  return { name: `${name} → ${codeName(code)}`, rpc, req, code, msg, creates };
}

/** What a row's call got: its status, its message as rule text, the jobs it created (or why that is unknown). */
export interface RowResult {
  code: string;
  details: string;
  jobsCreated: number | string;
}

/** Runs rows against one master over two connections: `rpc` for objects, `raw` for bytes. */
export class RowChecker {
  /** Jobs created by calls meant to be accepted. */
  created = 0;

  constructor(
    private readonly rpc: RpcClient,
    private readonly raw: RawClient,
    private readonly callMs: number,
  ) {}

  async jobsTotal(via: "rpc" | "raw"): Promise<number | undefined> {
    if (via === "rpc") return (await settle(this.rpc.call<{ jobs_total: number }>("GetStats", {}, this.callMs))).value?.jobs_total;
    const o = await this.raw.unary("GetStats", Buffer.alloc(0), this.callMs);
    if (o.value === undefined) return undefined;
    return Number((messageType("GetStatsResponse").decode(o.value) as unknown as { jobs_total: number }).jobs_total);
  }

  private send(rpc: string, req: Req): Promise<Outcome> {
    if (req instanceof Uint8Array) return this.raw.unary(rpc, req, this.callMs);
    if (rpc === "WatchJobs") return watchOutcome(this.rpc, req, this.callMs);
    return settle(this.rpc.call(rpc, req, this.callMs));
  }

  /** Makes the row's call and returns what happened beside what the row expects. */
  async run(r: Row): Promise<{ got: RowResult; want: RowResult }> {
    const req = typeof r.req === "function" ? r.req() : r.req;
    const via = req instanceof Uint8Array ? "raw" : "rpc";
    const before = await this.jobsTotal(via);
    const o = await this.send(r.rpc, req);
    const after = await this.jobsTotal(via);
    const moved = after !== undefined && before !== undefined ? after - before : "GetStats on the same connection failed";
    if (o.code === status.OK && r.code === status.OK && typeof moved === "number") this.created += moved;
    return {
      got: { code: codeName(o.code), details: asRuleText(r.msg, o.details), jobsCreated: moved },
      want: { code: codeName(r.code), details: ruleText(r.msg), jobsCreated: r.code === status.OK ? r.creates : 0 },
    };
  }
}

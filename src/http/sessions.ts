// Dashboard sessions: POST /v1/session trades a token for a cookie. The
// master keeps the token in memory beside the session and authenticates it
// again on every request, so revoking or expiring the token ends the session
// at once. Sessions live httpSessionMs from login; at most httpSessionsMax
// are held (the oldest is dropped). Each has its own CSRF token, which every
// state-changing request authenticated by the cookie must echo in
// X-CSRF-Token.

import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { httpSessionMs, httpSessionsMax, httpSessionsPerTokenMax } from "../core/config.ts";

export const sessionCookie = "falconq_session";

export interface Session {
  /** The bearer token the session stands for ("fq_<id>_<secret>"). */
  token: string;
  csrf: string;
  expiresAt: number;
}

/** The map is keyed by the SHA-256 of the cookie, so a heap dump holds no usable cookie. */
const keyOf = (cookie: string) => createHash("sha256").update(cookie).digest("base64url");

export class Sessions {
  private readonly byKey = new Map<string, Session>();
  /** Each token's session keys, oldest first: a token that logs in again and again evicts only its own sessions. */
  private readonly byToken = new Map<string, Set<string>>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly max = httpSessionsMax,
    private readonly lifeMs = httpSessionMs,
    private readonly perTokenMax = httpSessionsPerTokenMax,
  ) {}

  /** A new session for `token`: the cookie value and the session. */
  create(token: string): { cookie: string; session: Session } {
    const cookie = randomBytes(32).toString("base64url");
    const session = { token, csrf: randomBytes(32).toString("base64url"), expiresAt: this.now() + this.lifeMs };
    const mine = this.byToken.get(token);
    if (mine !== undefined && mine.size >= this.perTokenMax) this.drop(mine.values().next().value as string);
    while (this.byKey.size >= this.max) this.drop(this.byKey.keys().next().value as string);
    const k = keyOf(cookie);
    this.byKey.set(k, session);
    let set = this.byToken.get(token);
    if (set === undefined) this.byToken.set(token, (set = new Set()));
    set.add(k);
    return { cookie, session };
  }

  private drop(k: string): void {
    const s = this.byKey.get(k);
    if (s === undefined) return;
    this.byKey.delete(k);
    const set = this.byToken.get(s.token);
    set?.delete(k);
    if (set !== undefined && set.size === 0) this.byToken.delete(s.token);
  }

  /** The live session of a cookie value, or undefined (unknown or expired: then forgotten). */
  get(cookie: string): Session | undefined {
    const k = keyOf(cookie);
    const s = this.byKey.get(k);
    if (s === undefined) return undefined;
    if (this.now() >= s.expiresAt) {
      this.drop(k);
      return undefined;
    }
    return s;
  }

  delete(cookie: string): void {
    this.drop(keyOf(cookie));
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** Constant-time comparison of a sent CSRF token with the session's. */
export function csrfMatches(s: Session, sent: string | null): boolean {
  if (sent === null) return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(s.csrf);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The value of cookie `name` in a Cookie header, if present. */
export function cookieValue(header: string | null, name: string): string | undefined {
  if (header === null) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

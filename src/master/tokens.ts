// API tokens over the master's durable state: create (the secret is returned
// once, the WAL keeps its hash), revoke, list, and "last used" written back in
// one tokensUsed record a minute rather than one per call.

import { isRole, type Role, type TokenEntry } from "../core/auth.ts";
import { invalidArgument, permissionDenied } from "../core/errors.ts";
import type { JobManager } from "../core/job-manager.ts";
import type { Logger } from "../core/log.ts";
import { quote } from "../core/text.ts";
import { newToken, type TokenStore } from "./auth.ts";

/** Longest token lifetime a caller may ask for: ten years. */
export const tokenLifetimeMsMax = 10 * 365 * 24 * 3600 * 1000;
/** How often "last used" times are written back. */
export const tokenUseFlushMs = 60_000;

export interface NewTokenInput {
  name: string;
  role: string;
  queues: string[];
  /** 0: never expires. */
  expiresInMs: number;
  /** > 0: the new token must expire by then (the minting token's own expiry). */
  notAfter?: number;
}

export class Tokens implements TokenStore {
  private readonly usedIds = new Set<string>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly manager: JobManager,
    /** Throws UNAVAILABLE when the master takes no writes. */
    private readonly writable: () => void,
    /** Resolves once everything appended so far is durable. */
    private readonly durable: () => Promise<void>,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.flushUsed(), tokenUseFlushMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }

  token(id: string): TokenEntry | undefined {
    return this.manager.token(id);
  }

  used(id: string): void {
    this.usedIds.add(id);
  }

  /** Writes the pending "last used" times as one record (not awaited: losing one in a crash costs a minute of accuracy). */
  flushUsed(): void {
    if (this.usedIds.size === 0) return;
    const ids = [...this.usedIds];
    this.usedIds.clear();
    try {
      this.writable();
      this.manager.noteTokensUsed(ids, this.manager.now());
    } catch {
      // Not writable (fail-stop or closing): nothing to record.
    }
  }

  async create(o: NewTokenInput): Promise<{ info: TokenEntry; token: string }> {
    this.writable();
    if (!isRole(o.role)) throw invalidArgument(`role ${quote(o.role)} must be producer, worker, viewer or admin`);
    if (!Number.isInteger(o.expiresInMs) || o.expiresInMs < 0 || o.expiresInMs > tokenLifetimeMsMax) {
      throw invalidArgument(`expires_in_ms must be 0 (never) to ${tokenLifetimeMsMax} (tokenLifetimeMsMax, ten years)`);
    }
    const now = this.manager.now();
    const notAfter = o.notAfter ?? 0;
    if (notAfter > 0 && (o.expiresInMs === 0 || now + o.expiresInMs > notAfter)) {
      throw permissionDenied(
        `a token may not outlive the token that creates it (that one expires at ${new Date(notAfter).toISOString()}); ask for expires_in_ms of at most ${Math.max(0, notAfter - now)}`,
      );
    }
    const t = newToken();
    const info = this.manager.createToken({
      id: t.id,
      name: o.name,
      role: o.role as Role,
      queues: o.queues,
      hash: t.hash,
      createdAt: now,
      expiresAt: o.expiresInMs === 0 ? 0 : now + o.expiresInMs,
      lastUsedAt: 0,
    });
    await this.durable();
    this.log.info(`token ${quote(info.name)} (${info.id}) created: role ${info.role} on ${info.queues.map((q) => quote(q)).join(",")}`);
    return { info, token: t.token };
  }

  async revoke(idOrName: string): Promise<TokenEntry> {
    this.writable();
    const info = this.manager.revokeToken(idOrName, this.manager.now());
    this.usedIds.delete(info.id);
    await this.durable();
    this.log.info(`token ${quote(info.name)} (${info.id}) revoked`);
    return info;
  }

  list(): TokenEntry[] {
    return this.manager.tokens();
  }
}

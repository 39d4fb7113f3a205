// Roles, grants and tokens: the data of authorization. Pure: no clock, no
// crypto. A grant is a role over queue patterns; a pattern is a queue name,
// a prefix followed by one trailing `*` (`mail.*` covers `mail.eu` and
// `mail.eu.x`), or `*` alone (every queue). A token is stored only as the
// SHA-256 of its secret; the authorizer (src/master/auth.ts) decides every
// call from an Identity and the per-RPC table there.

import { invalidArgument } from "./errors.ts";

export const roles = ["producer", "worker", "viewer", "admin"] as const;
export type Role = (typeof roles)[number];

export interface Grant {
  role: Role;
  /** Queue patterns; ["*"] covers every queue. Never empty. */
  queues: readonly string[];
}

/** Who is calling, as the authenticators (token, certificate) establish it. */
export interface Identity {
  /** How the caller proved who it is. */
  via: "token" | "certificate" | "admin-token-file" | "anonymous";
  /** For logs and errors: a token's name, a certificate's subject; never a secret. */
  name: string;
  /** Stable key a worker id is bound to: `token:<id>`, `cert:<subject>`, `admin-file`, `anonymous`. */
  key: string;
  grants: readonly Grant[];
  /** Set when via = "token". */
  tokenId?: string;
}

/** A token as the master keeps it (in the WAL and snapshots). */
export interface TokenEntry {
  /** Public id, the lookup key: 16 lowercase hex characters. */
  id: string;
  name: string;
  role: Role;
  queues: string[];
  /** SHA-256 of the secret part, 32 bytes. */
  hash: Uint8Array;
  createdAt: number;
  /** 0: never expires. */
  expiresAt: number;
  /** 0: never used. Written back in batches (tokensUsed records), so it can lag by a minute. */
  lastUsedAt: number;
}

/** Token limits. */
export const tokensMax = 10_000;
export const tokenNameBytesMax = 128;
export const tokenQueuePatternsMax = 32;
/** Public id: 16 hex chars. */
export const tokenIdPattern = /^[0-9a-f]{16}$/;

/** A token entry that shares nothing with `t` (a record's, a caller's or the table's). */
export function copyToken(t: TokenEntry): TokenEntry {
  return { ...t, queues: [...t.queues], hash: t.hash.slice() };
}

export function isRole(s: string): s is Role {
  return (roles as readonly string[]).includes(s);
}

/** Does `pattern` cover queue `name`? */
export function patternCovers(pattern: string, name: string): boolean {
  if (pattern === "*") return true;
  if (pattern.endsWith("*")) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/** Does `outer` cover every queue `inner` covers (both patterns)? */
export function patternContains(outer: string, inner: string): boolean {
  if (outer === "*") return true;
  if (!outer.endsWith("*")) return outer === inner;
  const prefix = outer.slice(0, -1);
  return inner.startsWith(prefix);
}

/** Refuses a malformed pattern list, naming `field`. `queueBytesMax` bounds each pattern. */
export function checkQueuePatterns(field: string, patterns: readonly string[], queueBytesMax: number): void {
  if (patterns.length === 0) throw invalidArgument(`${field} must name at least one queue or pattern ("*" for all)`);
  if (patterns.length > tokenQueuePatternsMax) {
    throw invalidArgument(`${field} holds ${patterns.length} patterns; at most ${tokenQueuePatternsMax} (tokenQueuePatternsMax)`);
  }
  for (const [i, p] of patterns.entries()) {
    if (p.length === 0 || Buffer.byteLength(p) > queueBytesMax + 1) {
      throw invalidArgument(`${field}[${i}] must be 1 to ${queueBytesMax + 1} bytes (queueBytesMax + 1)`);
    }
    const star = p.indexOf("*");
    if (star !== -1 && star !== p.length - 1) throw invalidArgument(`${field}[${i}] may hold "*" only at its end (examples: "mail.*", "*")`);
  }
}

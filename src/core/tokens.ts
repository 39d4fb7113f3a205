// API token commands: create, revoke, note use. Each checks its input against
// the current state before it emits a record, so a refused call writes
// nothing; apply() (apply.ts) makes the change, on the live path and on
// replay alike. The secret never gets here: an entry holds its SHA-256.

import { checkQueuePatterns, copyToken, isRole, roles, type TokenEntry, tokenIdPattern, tokenNameBytesMax, tokensMax } from "./auth.ts";
import { alreadyExists, invalidArgument, notFound, resourceExhausted } from "./errors.ts";
import { byteLength, checkLabel } from "./input.ts";
import type { JobManager } from "./job-manager.ts";
import { quote } from "./text.ts";

/** SHA-256: the length of TokenEntry.hash. */
export const tokenHashBytes = 32;

/** Stores a new token; every field is checked before anything is written. Returns a copy of the stored entry. */
export function createToken(m: JobManager, entry: TokenEntry): TokenEntry {
  const tokens = m.state.tokens;
  if (typeof entry.id !== "string" || !tokenIdPattern.test(entry.id)) {
    throw invalidArgument(`token id ${quote(String(entry.id))} must be 16 lowercase hex characters`);
  }
  checkTokenName(entry.name);
  if (!isRole(entry.role)) throw invalidArgument(`role ${quote(String(entry.role))} is not one of ${roles.join(", ")}`);
  if (!Array.isArray(entry.queues) || entry.queues.some((q) => typeof q !== "string")) {
    throw invalidArgument("queues must be a list of queue names or patterns");
  }
  checkQueuePatterns("queues", entry.queues, m.limits.queueBytesMax);
  if (!(entry.hash instanceof Uint8Array) || entry.hash.length !== tokenHashBytes) {
    throw invalidArgument(`hash must be ${tokenHashBytes} bytes (SHA-256 of the secret), not ${entry.hash?.length ?? 0}`);
  }
  checkTime("created_at", entry.createdAt);
  checkTime("expires_at", entry.expiresAt);
  checkTime("last_used_at", entry.lastUsedAt);
  if (entry.expiresAt !== 0 && entry.expiresAt <= entry.createdAt) {
    throw invalidArgument(`expires_at (${entry.expiresAt}) must be 0 (never) or after created_at (${entry.createdAt})`);
  }
  if (tokens.has(entry.id)) throw alreadyExists(`a token with id ${entry.id} exists already`);
  if (tokenNamed(m, entry.name) !== undefined) throw alreadyExists(`a token named ${quote(entry.name)} exists already`);
  if (tokens.size >= tokensMax) {
    throw resourceExhausted(`${tokens.size} tokens exist; at most ${tokensMax} (tokensMax): revoke unused ones first`);
  }
  const token = copyToken(entry);
  m.emit({ kind: "tokenCreated", token });
  return copyToken(token);
}

/** Removes a token by id, or else by name; returns a copy of the entry as it was. */
export function revokeToken(m: JobManager, idOrName: string, at: number): TokenEntry {
  if (!idOrName) throw invalidArgument("token must name a token id or name");
  const t = m.state.tokens.get(idOrName) ?? tokenNamed(m, idOrName);
  if (t === undefined) throw notFound(`no token has the id or name ${quote(idOrName)}`);
  const before = copyToken(t);
  m.emit({ kind: "tokenRevoked", id: t.id, at });
  return before;
}

/** One tokensUsed record for the ids that still exist (each once); none, no record. */
export function noteTokensUsed(m: JobManager, ids: readonly string[], at: number): void {
  const known = [...new Set(ids)].filter((id) => m.state.tokens.has(id));
  if (known.length === 0) return;
  m.emit({ kind: "tokensUsed", ids: known, at });
}

/** Copies of every token, by name. */
export function listTokens(m: JobManager): TokenEntry[] {
  return [...m.state.tokens.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map(copyToken);
}

function tokenNamed(m: JobManager, name: string): TokenEntry | undefined {
  for (const t of m.state.tokens.values()) if (t.name === name) return t;
  return undefined;
}

/**
 * 1..tokenNameBytesMax bytes, no control characters, and not shaped like a
 * token id: RevokeToken takes an id or a name, so one must never read as the other.
 */
function checkTokenName(name: string): void {
  const n = typeof name === "string" ? byteLength(name) : 0;
  if (n === 0 || n > tokenNameBytesMax) {
    throw invalidArgument(`name must be 1 to ${tokenNameBytesMax} bytes (tokenNameBytesMax), not ${n}`);
  }
  checkLabel("name", name, tokenNameBytesMax);
  if (tokenIdPattern.test(name)) throw invalidArgument(`name ${quote(name)} looks like a token id (16 hex characters); pick another`);
}

function checkTime(field: string, v: number): void {
  if (!Number.isSafeInteger(v) || v < 0) throw invalidArgument(`${field} must be a whole number of ms >= 0, not ${v}`);
}

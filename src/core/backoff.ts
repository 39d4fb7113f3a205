// Retry delay after failed attempt number `attempt` (1-based):
// d = min(maxMs, baseMs * 2^(attempt-1)), then "equal jitter": a uniform
// draw from [d/2, d], so a burst of failures does not retry in lockstep.
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const exp = Math.min(attempt - 1, 52);
  const d = Math.min(maxMs, baseMs * 2 ** exp);
  return Math.round(d / 2 + random() * (d / 2));
}

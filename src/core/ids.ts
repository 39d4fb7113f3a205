// Job ids: 16 lower-case base-32 characters (0-9, a-v), 10 of milliseconds
// then 6 of a per-millisecond counter, so ids sort by creation time.
//
// Lease tokens: 128 random bits from crypto.getRandomValues as 22 base64url
// characters, so a token cannot be guessed from others and never repeats,
// even across master restarts. Random bytes are drawn 4 KiB at a time: a
// token costs a slice and an encode, not a system call. Tokens are drawn on
// the live path only and carried in the `leased` record; apply() draws none.

export interface IdSource {
  jobId(now: number): string;
  leaseToken(): string;
  /** Make later ids sort after this one (called at recovery). */
  observe(jobId: string): void;
}

const counterMax = 32 ** 6;

const tokenRandomBytes = 16;
/** Length of every lease token; longer input cannot be one. */
export const leaseTokenBytesMax = 22;
/** 21 characters of 6 bits, then one that holds the last 2 bits (4 zero bits follow). */
export const leaseTokenPattern = /^[A-Za-z0-9_-]{21}[AQgw]$/;

/** True when `s` has the form of a lease token (whether or not any job holds it). */
export function isLeaseToken(s: string): boolean {
  return s.length === leaseTokenBytesMax && leaseTokenPattern.test(s);
}

/** Random bytes fetched in bulk, handed out as lease tokens. */
export class LeaseTokens {
  private readonly bytes: Buffer;
  private pos: number;

  constructor(
    private readonly fill: (b: Uint8Array) => void = (b) => void crypto.getRandomValues(b),
    poolBytes = 4096,
  ) {
    this.bytes = Buffer.alloc(poolBytes);
    this.pos = poolBytes;
  }

  next(): string {
    if (this.pos + tokenRandomBytes > this.bytes.length) {
      this.fill(this.bytes);
      this.pos = 0;
    }
    const at = this.pos;
    this.pos += tokenRandomBytes;
    return this.bytes.toString("base64url", at, at + tokenRandomBytes);
  }
}

export class MonotonicIds implements IdSource {
  private lastMs = 0;
  private prefix = "";
  private counter = 0;

  constructor(private readonly tokens = new LeaseTokens()) {}

  jobId(now: number): string {
    if (now > this.lastMs) this.setMs(now);
    if (this.counter >= counterMax) this.setMs(this.lastMs + 1); // a billion ids in one ms: borrow the next
    return this.prefix + (this.counter++).toString(32).padStart(6, "0");
  }

  private setMs(ms: number): void {
    this.lastMs = ms;
    this.prefix = ms.toString(32).padStart(10, "0");
    this.counter = 0;
  }

  leaseToken(): string {
    return this.tokens.next();
  }

  observe(jobId: string): void {
    const t = Number.parseInt(jobId.slice(0, 10), 32);
    if (Number.isFinite(t) && t >= this.lastMs) {
      this.setMs(t);
      this.counter = counterMax; // the next id starts a later millisecond
    }
  }
}

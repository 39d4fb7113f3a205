// A growable ring buffer of (item, stamp) pairs. Stamps let owners delete
// lazily: an entry whose stamp no longer matches its item is skipped by the
// owner at the head, so removal from the middle costs nothing.

export class Deque<T> {
  private items: (T | undefined)[] = new Array(16);
  private stamps: Float64Array = new Float64Array(16);
  private head = 0;
  private len = 0;

  get length(): number {
    return this.len;
  }

  push(item: T, stamp: number): void {
    if (this.len === this.items.length) this.grow();
    const i = (this.head + this.len) & (this.items.length - 1);
    this.items[i] = item;
    this.stamps[i] = stamp;
    this.len++;
  }

  peekItem(): T | undefined {
    return this.len === 0 ? undefined : this.items[this.head];
  }

  peekStamp(): number {
    return this.len === 0 ? -1 : (this.stamps[this.head] as number);
  }

  shift(): void {
    if (this.len === 0) return;
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & (this.items.length - 1);
    this.len--;
  }

  /** Keeps only the entries `keep` accepts, in order; O(length). */
  compact(keep: (item: T, stamp: number) => boolean): void {
    const mask = this.items.length - 1;
    let n = 0;
    for (let k = 0; k < this.len; k++) {
      const i = (this.head + k) & mask;
      const item = this.items[i] as T;
      const stamp = this.stamps[i] as number;
      this.items[i] = undefined;
      if (!keep(item, stamp)) continue;
      const to = (this.head + n) & mask; // n <= k: never a slot still to be read
      this.items[to] = item;
      this.stamps[to] = stamp;
      n++;
    }
    this.len = n;
  }

  private grow(): void {
    const cap = this.items.length * 2;
    const items: (T | undefined)[] = new Array(cap);
    const stamps = new Float64Array(cap);
    for (let k = 0; k < this.len; k++) {
      const i = (this.head + k) & (this.items.length - 1);
      items[k] = this.items[i];
      stamps[k] = this.stamps[i] as number;
    }
    this.items = items;
    this.stamps = stamps;
    this.head = 0;
  }
}

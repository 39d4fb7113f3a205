// A binary min-heap of (key, item, stamp) triples, ordered by key (a time in
// ms) then stamp. Stamps are unique, so the pop order of live entries depends
// only on which entries are live, never on the heap's layout: dropping stale
// entries at any moment cannot change what replay rebuilds. Like Deque,
// owners delete lazily by checking the stamp at the top.

export class TimerHeap<T> {
  private keys: number[] = [];
  private items: T[] = [];
  private stamps: number[] = [];

  get length(): number {
    return this.keys.length;
  }

  peekKey(): number {
    return this.keys.length === 0 ? Number.POSITIVE_INFINITY : (this.keys[0] as number);
  }

  peekItem(): T | undefined {
    return this.items[0];
  }

  peekStamp(): number {
    return this.stamps[0] ?? -1;
  }

  push(key: number, item: T, stamp: number): void {
    this.keys.push(key);
    this.items.push(item);
    this.stamps.push(stamp);
    this.up(this.keys.length - 1);
  }

  pop(): void {
    const last = this.keys.length - 1;
    if (last < 0) return;
    this.swap(0, last);
    this.keys.pop();
    this.items.pop();
    this.stamps.pop();
    if (last > 0) this.down(0);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) return;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.keys.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) return;
      const r = l + 1;
      const c = r < n && this.less(r, l) ? r : l;
      if (!this.less(c, i)) return;
      this.swap(i, c);
      i = c;
    }
  }

  private less(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    return ka < kb || (ka === kb && (this.stamps[a] as number) < (this.stamps[b] as number));
  }

  private swap(a: number, b: number): void {
    const k = this.keys;
    const it = this.items;
    const s = this.stamps;
    [k[a], k[b]] = [k[b] as number, k[a] as number];
    [it[a], it[b]] = [it[b] as T, it[a] as T];
    [s[a], s[b]] = [s[b] as number, s[a] as number];
  }
}

// The overview's throughput chart: completed and failed jobs per second over
// the last `seconds` seconds, kept in a ring of one-second buckets and drawn
// on a <canvas>. Live counts come from the SSE stream; while the stream is
// down, the periodic stats fill the gap from the masters' running totals.

export class Throughput {
  private readonly done: Float64Array;
  private readonly fail: Float64Array;
  /** The newest epoch second in the ring; second s is at index s % seconds. */
  private last = 0;

  constructor(readonly seconds = 300) {
    this.done = new Float64Array(seconds);
    this.fail = new Float64Array(seconds);
  }

  private advance(sec: number): void {
    if (this.last === 0) this.last = sec;
    if (sec <= this.last) return;
    const steps = Math.min(sec - this.last, this.seconds);
    for (let i = 1; i <= steps; i++) {
      const k = (this.last + i) % this.seconds;
      this.done[k] = 0;
      this.fail[k] = 0;
    }
    this.last = sec;
  }

  /** One job reached `state` now (from an event). */
  count(state: string, now = Date.now()): void {
    const sec = Math.floor(now / 1000);
    this.advance(sec);
    const k = sec % this.seconds;
    if (state === "completed") this.done[k] = (this.done[k] ?? 0) + 1;
    else if (state === "failed") this.fail[k] = (this.fail[k] ?? 0) + 1;
  }

  /** `done` and `fail` jobs finished evenly over (fromMs, toMs] (queues followed by stats, not events). */
  spread(fromMs: number, toMs: number, done: number, fail: number): void {
    const to = Math.floor(toMs / 1000);
    this.advance(to);
    const from = Math.max(Math.floor(fromMs / 1000) + 1, to - this.seconds + 1);
    const span = Math.max(1, to - from + 1);
    for (let s = Math.min(from, to); s <= to; s++) {
      const k = s % this.seconds;
      this.done[k] = (this.done[k] ?? 0) + done / span;
      this.fail[k] = (this.fail[k] ?? 0) + fail / span;
    }
  }

  /** Oldest first: [completed, failed] per second for the window ending now. */
  series(now = Date.now()): { done: number[]; fail: number[] } {
    const sec = Math.floor(now / 1000);
    this.advance(sec);
    const done: number[] = [];
    const fail: number[] = [];
    for (let s = sec - this.seconds + 1; s <= sec; s++) {
      const k = ((s % this.seconds) + this.seconds) % this.seconds;
      done.push(this.done[k] ?? 0);
      fail.push(this.fail[k] ?? 0);
    }
    return { done, fail };
  }

  draw(canvas: HTMLCanvasElement, now = Date.now()): void {
    const ratio = window.devicePixelRatio || 1;
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (w === 0 || h === 0) return;
    if (canvas.width !== Math.round(w * ratio) || canvas.height !== Math.round(h * ratio)) {
      canvas.width = Math.round(w * ratio);
      canvas.height = Math.round(h * ratio);
    }
    const ctx = canvas.getContext("2d");
    if (ctx === null) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const css = getComputedStyle(canvas);
    const fg = css.getPropertyValue("--muted").trim() || "#888";
    const okColor = css.getPropertyValue("--ok").trim() || "#2a9d4b";
    const badColor = css.getPropertyValue("--bad").trim() || "#d33";
    const { done, fail } = this.series(now);
    const max = Math.max(1, ...done, ...fail);
    const top = niceCeil(max);
    const left = 36;
    const bottom = 18;
    const plotW = w - left - 6;
    const plotH = h - bottom - 6;
    ctx.font = "11px system-ui, sans-serif";
    ctx.fillStyle = fg;
    ctx.strokeStyle = fg;
    ctx.globalAlpha = 0.35;
    ctx.lineWidth = 1;
    for (let i = 0; i <= 4; i++) {
      const y = 6 + (plotH * i) / 4;
      ctx.beginPath();
      ctx.moveTo(left, y + 0.5);
      ctx.lineTo(left + plotW, y + 0.5);
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.textAlign = "right";
    ctx.textBaseline = "middle";
    for (let i = 0; i <= 4; i++) ctx.fillText(fmtRate((top * (4 - i)) / 4), left - 4, 6 + (plotH * i) / 4);
    ctx.textAlign = "center";
    ctx.textBaseline = "alphabetic";
    const minutes = this.seconds / 60;
    for (let m = 0; m <= minutes; m++) {
      const x = left + (plotW * m) / minutes;
      ctx.fillText(m === minutes ? "now" : `-${minutes - m}m`, Math.min(Math.max(x, left + 10), w - 14), h - 4);
    }
    const line = (ys: number[], color: string) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ys.forEach((v, i) => {
        const x = left + (plotW * i) / (ys.length - 1);
        const y = 6 + plotH - (plotH * v) / top;
        if (i === 0) ctx.moveTo(x, y);
        else ctx.lineTo(x, y);
      });
      ctx.stroke();
    };
    line(done, okColor);
    line(fail, badColor);
  }
}

function niceCeil(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

function fmtRate(v: number): string {
  if (v >= 1000) return `${(v / 1000).toFixed(v >= 10000 ? 0 : 1)}k`;
  return v >= 10 || v === 0 ? v.toFixed(0) : v.toFixed(1);
}

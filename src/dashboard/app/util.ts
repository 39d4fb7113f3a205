// Small helpers for the views: escaping, formatting, DOM lookups.

const escapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and quoted attributes. */
export function esc(v: unknown): string {
  return String(v ?? "").replace(/[&<>"']/g, (c) => escapes[c] as string);
}

export function $(sel: string, root: ParentNode = document): HTMLElement {
  const e = root.querySelector<HTMLElement>(sel);
  if (e === null) throw new Error(`no element ${sel}`);
  return e;
}

export function fmtTime(ms: number | undefined): string {
  if (!ms) return "—";
  const d = new Date(ms);
  const pad = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

export function fmtDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "—";
  const neg = ms < 0;
  let s = Math.abs(ms);
  let out: string;
  if (s < 1000) out = `${Math.round(s)} ms`;
  else if ((s /= 1000) < 60) out = `${s.toFixed(s < 10 ? 1 : 0)} s`;
  else if ((s /= 60) < 60) out = `${s.toFixed(0)} min`;
  else if ((s /= 60) < 48) out = `${s.toFixed(1)} h`;
  else out = `${(s / 24).toFixed(1)} d`;
  return neg ? `-${out}` : out;
}

export function ago(ms: number | undefined, now = Date.now()): string {
  if (!ms) return "—";
  const d = now - ms;
  return d >= 0 ? `${fmtDuration(d)} ago` : `in ${fmtDuration(-d)}`;
}

export function fmtNum(n: number | undefined): string {
  return n === undefined ? "—" : n.toLocaleString("en-US");
}

export function fmtRate(n: number | undefined): string {
  if (n === undefined) return "—";
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2);
}

export function pretty(v: unknown): string {
  return JSON.stringify(v, null, 2);
}

/** Calls `f` at most once per `ms`, trailing. */
export function throttle(f: () => void, ms: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastRun = 0;
  return () => {
    if (timer !== undefined) return;
    const wait = Math.max(0, lastRun + ms - Date.now());
    timer = setTimeout(() => {
      timer = undefined;
      lastRun = Date.now();
      f();
    }, wait);
  };
}

export const states = ["waiting", "scheduled", "pending", "running", "completed", "failed", "cancelled"] as const;

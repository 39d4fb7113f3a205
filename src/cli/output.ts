// Human output: aligned tables and colours (off when not a TTY or NO_COLOR).

const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;

const paint = (code: number) => (s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const dim = paint(2);
export const bold = paint(1);

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI colour codes is the point
const ansi = /\x1b\[[0-9;]*m/g;
const width = (s: string) => s.replace(ansi, "").length;

/** Renders rows as columns padded to the widest cell; the first row is the header. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) {
    for (let i = 0; i < r.length; i++) widths[i] = Math.max(widths[i] ?? 0, width(r[i] as string));
  }
  return rows
    .map((r, ri) => {
      const line = r.map((c, i) => (i === r.length - 1 ? c : c + " ".repeat((widths[i] ?? 0) - width(c)))).join("  ");
      return ri === 0 ? bold(line) : line;
    })
    .join("\n");
}

export function ago(ms: number, now = Date.now()): string {
  if (!ms) return "-";
  const d = Math.max(0, now - ms);
  if (d < 1000) return `${d}ms ago`;
  if (d < 60_000) return `${(d / 1000).toFixed(1)}s ago`;
  if (d < 3_600_000) return `${Math.round(d / 60_000)}m ago`;
  return `${Math.round(d / 3_600_000)}h ago`;
}

export function printJson(v: unknown): void {
  process.stdout.write(`${JSON.stringify(v)}\n`);
}

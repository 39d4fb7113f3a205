// Human output: tables that fit the terminal and colours (off when not a TTY
// or NO_COLOR).

const colour = process.stdout.isTTY === true && !process.env.NO_COLOR;

const paint = (code: number) => (s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
export const green = paint(32);
export const red = paint(31);
export const yellow = paint(33);
export const dim = paint(2);
export const bold = paint(1);

/** `text` in red only when `n` counts something: "failed 0" is not an alarm. */
export const failures = (n: number, text: string): string => (n > 0 ? red(text) : text);

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI colour codes is the point
const ansi = /\x1b\[[0-9;]*m/g;
const plain = (s: string) => s.replace(ansi, "");
const width = (s: string) => [...plain(s)].length;

/** Columns of the terminal stdout is, else 80 (a pipe or file gets lines that fit a default terminal). */
export function terminalWidth(stream: NodeJS.WriteStream = process.stdout): number {
  return stream.isTTY === true && stream.columns > 0 ? stream.columns : 80;
}

/** Cut to `max` characters, the last one an ellipsis; a cut cell loses its colour. */
export function truncate(s: string, max: number): string {
  if (width(s) <= max) return s;
  const chars = [...plain(s)];
  return max <= 0 ? "" : `${chars.slice(0, max - 1).join("")}…`;
}

/** A column of numbers ("12", "0.25", "3/5", "-") is right-aligned and never cut. */
const numeric = (cell: string) => /^(-|[0-9][0-9.,/]*)$/.test(plain(cell));

const gap = 2;
/** No column is cut below this (or its header, if shorter). */
const columnMin = 6;

/**
 * Column widths that fit `maxWidth`: the widest cut-able column gives up one
 * character at a time until the line fits or every cut-able column is at
 * its minimum (then the line is wider than asked, not unreadable).
 */
export function fitWidths(natural: number[], header: string[], cuttable: boolean[], maxWidth: number): number[] {
  const w = [...natural];
  const floor = w.map((n, i) => Math.min(n, Math.max(columnMin, width(header[i] ?? ""))));
  let total = w.reduce((a, b) => a + b, 0) + gap * (w.length - 1);
  while (total > maxWidth) {
    let widest = -1;
    for (let i = 0; i < w.length; i++) {
      if (cuttable[i] && (w[i] as number) > (floor[i] as number) && (widest < 0 || (w[i] as number) > (w[widest] as number))) widest = i;
    }
    if (widest < 0) break;
    w[widest] = (w[widest] as number) - 1;
    total--;
  }
  return w;
}

export interface TableOptions {
  /** Columns to fit in; the terminal's width by default. */
  width?: number;
  /** Indexes of text columns never cut, e.g. ids a user copies into the next command. */
  keep?: number[];
}

/**
 * Renders rows as aligned columns that fit the width: text columns are cut
 * with "…" (the widest first), number columns and `keep` columns stay
 * whole; numbers are right-aligned. The first row is the header.
 */
export function table(rows: string[][], o: TableOptions = {}): string {
  const header = rows[0] ?? [];
  const body = rows.slice(1);
  const n = Math.max(...rows.map((r) => r.length));
  const natural = Array.from({ length: n }, (_, i) => Math.max(...rows.map((r) => width(r[i] ?? ""))));
  const right = natural.map((_, i) => body.length > 0 && body.every((r) => numeric(r[i] ?? "")));
  const widths = fitWidths(
    natural,
    header,
    right.map((r, i) => !r && !o.keep?.includes(i)),
    o.width ?? terminalWidth(),
  );
  return rows
    .map((r, ri) => {
      const cells = r.map((c, i) => {
        const w = widths[i] as number;
        const cell = truncate(c, w);
        const pad = " ".repeat(Math.max(0, w - width(cell)));
        if (right[i]) return pad + cell;
        return i === r.length - 1 ? cell : cell + pad;
      });
      const line = cells.join(" ".repeat(gap)).trimEnd();
      return ri === 0 ? bold(line) : line;
    })
    .join("\n");
}

/** Splits `text` into lines of at most `max` characters, breaking only at spaces (a longer word gets its own line). */
export function wrap(text: string, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= max) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
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

// Client input inside error messages. A message may reach a terminal or a
// log, so input is quoted with every control, format and non-printable
// character escaped (no ANSI sequence or bidi override survives), and cut
// short: a message never echoes more than a short prefix of what it got.

/** Longest quoted input a message shows, in characters of the escaped form. */
export const quotedCharsMax = 64;

// C0 and C1 controls, DEL, quote, backslash, soft hyphen, the Arabic letter
// mark, zero-width and bidi controls, line and paragraph separators,
// invisible operators, the BOM, interlinear annotations, and lone surrogates.
const unsafe =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  /[\u0000-\u001f\u007f-\u009f"\\\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const named: Record<string, string> = { '"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function escaped(ch: string): string {
  return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`;
}

/** `s` in double quotes, escaped like JSON.stringify and more, cut to ~64 characters with an ellipsis. */
export function quote(s: string): string {
  if (s.length <= quotedCharsMax && !unsafe.test(s)) return `"${s}"`;
  let out = "";
  for (let i = 0; i < s.length; ) {
    const code = s.charCodeAt(i);
    const pair = code >= 0xd800 && code <= 0xdbff && i + 1 < s.length && isLowSurrogate(s.charCodeAt(i + 1));
    const ch = pair ? s.slice(i, i + 2) : (s[i] as string);
    const part = unsafe.test(ch) ? escaped(ch) : ch;
    if (out.length + part.length > quotedCharsMax) return `"${out}"…`;
    out += part;
    i += ch.length;
  }
  return `"${out}"`;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The first line of a (possibly multi-line) message such as an error with its stack, trimmed. */
export function firstLine(s: string): string {
  return s.split("\n", 1)[0]?.trim() ?? "";
}

/** `s` cut to at most `bytesMax` UTF-8 bytes on a character boundary, ending in `suffix` when cut. */
export function cutBytes(s: string, bytesMax: number, suffix = ""): string {
  if (Buffer.byteLength(s) <= bytesMax) return s;
  const b = Buffer.from(s);
  let end = Math.max(0, bytesMax - Buffer.byteLength(suffix));
  while (end > 0 && ((b[end] as number) & 0xc0) === 0x80) end--; // back to a character boundary
  return `${b.subarray(0, end).toString()}${suffix}`;
}

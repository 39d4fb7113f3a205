// A strict parser of the Prometheus text exposition format 0.0.4, for tests.
// Written here rather than taken from npm: the parsers there are lenient
// (they accept what Prometheus refuses) or unmaintained, and a test of our
// output wants every deviation to throw. Checks: HELP and TYPE at most once
// per family and before its samples; names and label names by the format's
// grammar; label values with only the escapes \\ \" \n; every sample inside
// the family its name belongs to (histogram: _bucket, _sum, _count; a _bucket
// has an `le`); no series twice; values as Go's ParseFloat reads them.

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Family {
  name: string;
  help: string | undefined;
  type: "counter" | "gauge" | "histogram" | "summary" | "untyped";
  samples: Sample[];
}

const metricName = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const labelName = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const types = new Set(["counter", "gauge", "histogram", "summary", "untyped"]);

function parseValue(s: string, line: number): number {
  if (s === "+Inf" || s === "Inf") return Number.POSITIVE_INFINITY;
  if (s === "-Inf") return Number.NEGATIVE_INFINITY;
  if (s === "NaN") return Number.NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) throw new Error(`line ${line}: bad value ${JSON.stringify(s)}`);
  return Number(s);
}

function unescapeHelp(s: string, line: number): string {
  return s.replace(/\\(.)?/g, (_m, c: string | undefined) => {
    if (c === "\\") return "\\";
    if (c === "n") return "\n";
    throw new Error(`line ${line}: bad escape in HELP`);
  });
}

/** Parses `{a="x",b="y"}` starting at text[i] === "{"; returns the labels and the index after "}". */
function parseLabels(text: string, i: number, line: number): [Record<string, string>, number] {
  const labels: Record<string, string> = {};
  i++;
  for (;;) {
    if (text[i] === "}") return [labels, i + 1];
    const eq = text.indexOf("=", i);
    if (eq < 0) throw new Error(`line ${line}: label without =`);
    const name = text.slice(i, eq);
    if (!labelName.test(name)) throw new Error(`line ${line}: bad label name ${JSON.stringify(name)}`);
    if (name in labels) throw new Error(`line ${line}: label ${name} twice`);
    if (text[eq + 1] !== '"') throw new Error(`line ${line}: label value not quoted`);
    let j = eq + 2;
    let v = "";
    for (;;) {
      const c = text[j];
      if (c === undefined) throw new Error(`line ${line}: unterminated label value`);
      if (c === '"') break;
      if (c === "\\") {
        const e = text[j + 1];
        if (e === "\\") v += "\\";
        else if (e === '"') v += '"';
        else if (e === "n") v += "\n";
        else throw new Error(`line ${line}: bad escape \\${e} in label value`);
        j += 2;
        continue;
      }
      if (c === "\n") throw new Error(`line ${line}: raw newline in label value`);
      v += c;
      j++;
    }
    labels[name] = v;
    i = j + 1;
    if (text[i] === ",") {
      i++;
      continue;
    }
    if (text[i] !== "}") throw new Error(`line ${line}: expected , or } after label ${name}`);
  }
}

function familyOf(sample: string, fams: Map<string, Family>): Family | undefined {
  const direct = fams.get(sample);
  if (direct !== undefined) return direct;
  for (const suffix of ["_bucket", "_sum", "_count"]) {
    if (!sample.endsWith(suffix)) continue;
    const f = fams.get(sample.slice(0, -suffix.length));
    if (f !== undefined && (f.type === "histogram" || (f.type === "summary" && suffix !== "_bucket"))) return f;
  }
  return undefined;
}

export function parsePromText(text: string): Map<string, Family> {
  const fams = new Map<string, Family>();
  const seen = new Set<string>();
  const lines = text.split("\n");
  if (text.length > 0 && !text.endsWith("\n")) throw new Error("exposition does not end with a newline");
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n] as string;
    const at = n + 1;
    if (line === "") continue;
    if (line.startsWith("#")) {
      const m = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (m === null) continue; // a comment
      const [, kind, name, rest] = m as unknown as [string, string, string, string];
      if (!metricName.test(name)) throw new Error(`line ${at}: bad metric name ${name}`);
      let f = fams.get(name);
      if (f === undefined) {
        f = { name, help: undefined, type: "untyped", samples: [] };
        fams.set(name, f);
      } else if (f.samples.length > 0) throw new Error(`line ${at}: ${kind} of ${name} after its samples`);
      if (kind === "HELP") {
        if (f.help !== undefined) throw new Error(`line ${at}: second HELP for ${name}`);
        f.help = unescapeHelp(rest, at);
      } else {
        if (!types.has(rest)) throw new Error(`line ${at}: bad type ${rest}`);
        if (f.type !== "untyped") throw new Error(`line ${at}: second TYPE for ${name}`);
        f.type = rest as Family["type"];
      }
      continue;
    }
    const nameEnd = line.search(/[{ ]/);
    if (nameEnd <= 0) throw new Error(`line ${at}: no sample name`);
    const name = line.slice(0, nameEnd);
    if (!metricName.test(name)) throw new Error(`line ${at}: bad metric name ${name}`);
    let labels: Record<string, string> = {};
    let i = nameEnd;
    if (line[i] === "{") [labels, i] = parseLabels(line, i, at);
    if (line[i] !== " ") throw new Error(`line ${at}: expected a space before the value`);
    const parts = line.slice(i + 1).split(" ");
    if (parts.length < 1 || parts.length > 2) throw new Error(`line ${at}: expected value [timestamp]`);
    const value = parseValue(parts[0] as string, at);
    if (parts.length === 2 && !/^-?\d+$/.test(parts[1] as string)) throw new Error(`line ${at}: bad timestamp`);
    const f = familyOf(name, fams);
    if (f === undefined) throw new Error(`line ${at}: sample ${name} outside any declared family`);
    if (name.endsWith("_bucket") && f.type === "histogram" && labels.le === undefined) throw new Error(`line ${at}: bucket without le`);
    const key = `${name}${JSON.stringify(Object.entries(labels).sort())}`;
    if (seen.has(key)) throw new Error(`line ${at}: series ${key} twice`);
    seen.add(key);
    f.samples.push({ name, labels, value });
  }
  return fams;
}

/** The value of one series; undefined when absent. `labels` must match exactly. */
export function seriesValue(fams: Map<string, Family>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const f of fams.values()) {
    for (const s of f.samples) {
      if (s.name !== name) continue;
      const a = Object.entries(s.labels).sort();
      const b = Object.entries(labels).sort();
      if (JSON.stringify(a) === JSON.stringify(b)) return s.value;
    }
  }
  return undefined;
}

// The one rule for reading job payloads and results as JSON, shared by the
// handler's `job.data` and the client's `job.data` / `job.returnValue`.

const decoder = new TextDecoder("utf-8", { fatal: true });

/** The bytes parsed as JSON; undefined when they are absent, empty, not UTF-8 or not JSON. */
export function parseJson(bytes: Uint8Array | undefined): unknown {
  if (bytes === undefined || bytes.length === 0) return undefined;
  try {
    return JSON.parse(decoder.decode(bytes));
  } catch {
    return undefined;
  }
}

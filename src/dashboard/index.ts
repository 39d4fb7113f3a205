// The dashboard as the HTTP server mounts it (startHttp's `dashboard` hook):
// one HTML bundle, index.html with its TypeScript and CSS.
//
// In the executable, `bun build --compile` bundles the HTML import ahead of
// time and embeds the output; `page.files` then lists the embedded index and
// its hashed /chunk-*.js and /chunk-*.css, served here from memory with their
// ETags. Run from source (`bun src/main.ts`, in-process tests) the import has
// no files, so the page is bundled once with Bun.build on the first request.
// Either way users need no files beside the binary and no build step.

import type { HTMLBundle } from "bun";
import page from "./index.html";

export const dashboardPage: HTMLBundle = page;

interface Asset {
  body: Blob | string;
  type: string;
  etag: string;
}

/** Path → asset; "/" is the page. */
type Assets = Map<string, Asset>;

let assets: Promise<Assets> | undefined;

function embedded(files: NonNullable<HTMLBundle["files"]>): Assets {
  const m: Assets = new Map();
  for (const f of files) {
    const name = f.path.slice(f.path.lastIndexOf("/"));
    const a = { body: Bun.file(f.path), type: f.headers["content-type"], etag: `"${f.headers.etag}"` };
    if (f.loader === "html") m.set("/", a);
    else m.set(name, a);
  }
  return m;
}

async function bundled(): Promise<Assets> {
  const entry = Bun.fileURLToPath(new URL("./index.html", import.meta.url));
  const r = await Bun.build({ entrypoints: [entry], minify: true, naming: { asset: "[name]-[hash].[ext]", chunk: "chunk-[hash].[ext]" }, publicPath: "/" });
  if (!r.success) throw new Error(`dashboard: bundling failed: ${r.logs.map(String).join("\n")}`);
  const m: Assets = new Map();
  for (const o of r.outputs) {
    const name = o.path.replace(/^\.?\/?/, "/");
    const a = { body: await o.text(), type: o.type, etag: `"${o.hash ?? Bun.hash(name).toString(36)}"` };
    if (o.loader === "html") m.set("/", a);
    else m.set(name, a);
  }
  return m;
}

const securityHeaders = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "no-referrer",
  "content-security-policy":
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
};

/** The `dashboard` hook of startHttp: GET / and the page's assets; undefined for any other path. */
export async function dashboard(req: Request, path: string): Promise<Response | undefined> {
  if (path !== "/" && path !== "/index.html" && !/^\/[A-Za-z0-9._-]+\.(js|css|map|svg|png)$/.test(path)) return undefined;
  assets ??= page.files !== undefined && page.files.length > 0 ? Promise.resolve(embedded(page.files)) : bundled();
  const m = await assets;
  const a = m.get(path === "/index.html" ? "/" : path);
  if (a === undefined) return undefined;
  const isPage = path === "/" || path === "/index.html";
  const headers: Record<string, string> = {
    ...securityHeaders,
    "content-type": a.type,
    etag: a.etag,
    // Chunks are named by their hash; the page must be revalidated to pick up a new binary's chunks.
    "cache-control": isPage ? "no-cache" : "public, max-age=31536000, immutable",
  };
  if (req.headers.get("if-none-match") === a.etag) return new Response(null, { status: 304, headers });
  return new Response(req.method === "HEAD" ? null : a.body, { status: 200, headers });
}

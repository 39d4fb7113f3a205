// The dashboard as the HTTP server mounts it: one HTML bundle (index.html,
// its TypeScript and CSS). Bun bundles it on import; `bun build --compile`
// embeds the bundled assets in the executable, so the binary serves the
// dashboard with no files beside it and no build step at run time. Mount it
// with `Bun.serve({ routes: { ...dashboardRoutes } })`: Bun then also serves
// the hashed /chunk-*.js and /chunk-*.css files the page loads.

import type { HTMLBundle } from "bun";
import page from "./index.html";

export const dashboardPage: HTMLBundle = page;

/** Routes for Bun.serve: the page at `/` (the hash router handles the rest). */
export const dashboardRoutes: Record<string, HTMLBundle> = { "/": page };

// A handler module for `falconq worker --handlers examples/jobs.ts`.
import type { HandlerMap } from "../src/index.ts";

export const handlers: HandlerMap = {
  "report.build": async (job, ctx) => {
    const { pages = 3 } = (job.data ?? {}) as { pages?: number };
    for (let i = 1; i <= pages; i++) {
      if (ctx.signal.aborted) throw new Error("aborted");
      await ctx.progress(i / pages);
    }
    return { pages };
  },
};

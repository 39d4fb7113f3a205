// A handler module: `npx falconq worker --queues default,mail --handlers examples/jobs.ts`.
// The binary loads it at run time, so it imports only types from the SDK.
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
  /** Stands in for a mailer: checks the message (examples/mail.json) and reports what it would send. */
  "email.send": async (job) => {
    const { to, subject } = (job.data ?? {}) as { to?: string; subject?: string };
    if (!to || !subject) throw new Error("email.send needs to and subject");
    return { sentTo: to, subject };
  },
};

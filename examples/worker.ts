// Runs `greet` jobs until Ctrl-C, then drains and leaves: `npx bun examples/worker.ts`.
import { NonRetryableError, Worker } from "../src/index.ts";

const worker = new Worker({
  master: process.env.FALCONQ_MASTER ?? "127.0.0.1:50051",
  concurrency: 4,
  handlers: {
    greet: async (job, ctx) => {
      const { name } = job.data as { name?: string };
      if (!name) throw new NonRetryableError("payload needs a name");
      await ctx.progress(0.5);
      return { greeting: `hello, ${name}`, attempt: ctx.attempt };
    },
  },
});

const { workerId } = await worker.start();
console.log(`worker ${workerId} running; Ctrl-C to stop`);
process.once("SIGINT", () => worker.close().then(() => process.exit(0)));

// Submits a few jobs and waits for their results.
// Run a master first (`npx falconq master`, after `npm run build`), then:
//   npx bun examples/worker.ts      # in a second terminal (runs until Ctrl-C)
//   npx bun examples/producer.ts    # in a third
import { Client, statusNames } from "../src/index.ts";

const client = new Client({ master: process.env.FALCONQ_MASTER ?? "127.0.0.1:50051" });
try {
  const submitted = await client.submitMany(
    ["ada", "grace", "linus"].map((name) => ({ type: "greet", payload: { name }, maxAttempts: 3 })),
  );
  for (const { job } of submitted) {
    const done = await client.wait(job.id, 30_000);
    const result = done.result ? new TextDecoder().decode(done.result) : "";
    console.log(`${job.id} ${statusNames[done.status]} ${result}`);
  }
} finally {
  client.close();
}

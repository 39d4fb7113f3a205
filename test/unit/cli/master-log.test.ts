// What the master logs through the CLI's logger: worker registration and
// leaving at info, every job transition at debug, and no transition line
// even built when debug is off.

import { describe, expect, test } from "bun:test";
import { logger, type LogLevelName } from "../../../src/cli/common.ts";
import { JobManager } from "../../../src/core/index.ts";
import type { Logger } from "../../../src/core/log.ts";
import { Broker } from "../../../src/master/broker.ts";
import { MemoryJournal } from "../../../src/storage/index.ts";

async function lifeOfOneJob(log: Logger): Promise<string> {
  const journal = new MemoryJournal();
  const broker = new Broker({ manager: new JobManager({ sink: journal }), journal, log });
  broker.start();
  try {
    const { workerId } = broker.register({ hostname: "box\u202e", pid: 7, queues: ["mail"], types: ["send"], concurrency: 2 });
    const [submitted] = await broker.submit([{ type: "send", queue: "mail", payload: new Uint8Array() }]);
    const [lease] = await broker.poll(workerId, 1, 0);
    const [outcome] = await broker.ack(workerId, [{ jobId: lease?.job.id as string, token: lease?.token as string, success: true }]);
    expect(outcome?.error).toBeUndefined();
    await broker.deregister(workerId);
    return `${workerId} ${submitted?.job.id}`;
  } finally {
    broker.close();
  }
}

function jsonLogger(level: LogLevelName) {
  const chunks: string[] = [];
  const stream = { isTTY: false, write: (s: string) => chunks.push(s) > 0 } as unknown as NodeJS.WriteStream;
  const log = logger("master", { format: "json", level, stream });
  return { log, lines: () => chunks.join("").trimEnd().split("\n").map((l) => JSON.parse(l) as { level: string; msg: string }) };
}

describe("master logs", () => {
  test("debug: registration, every transition with queue, type and worker, leaving", async () => {
    const { log, lines } = jsonLogger("debug");
    const [workerId, jobId] = (await lifeOfOneJob(log)).split(" ");
    expect(lines().map((l) => `${l.level} ${l.msg}`)).toEqual([
      `info worker ${workerId} registered: host "box\\u202e" pid 7, queues mail, types send, concurrency 2, version unknown`,
      `debug job ${jobId} new -> pending: queue mail type send`,
      `debug job ${jobId} pending -> running: queue mail type send worker ${workerId}`,
      `debug job ${jobId} running -> completed: queue mail type send worker ${workerId}`,
      `info worker ${workerId} left`,
    ]);
  });

  test("info: no transition line is built, let alone written", async () => {
    const { log, lines } = jsonLogger("info");
    const guarded = Object.assign(Object.create(log), {
      debug() {
        throw new Error("debug called with debug off");
      },
    });
    await lifeOfOneJob(guarded);
    expect(lines().map((l) => l.level)).toEqual(["info", "info"]);
  });
});

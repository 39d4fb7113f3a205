// `falconq cluster status|step-down` (docs/ha.md, "Cluster mode"): the
// leader's view of its cluster, and asking it to step down. --master may
// name every member; a standby's answer points the call at the leader.

import type { MethodDefinition } from "@grpc/proto-loader";
import { defineCommand } from "citty";
import { RpcClient } from "../rpc/channel.ts";
import { RpcError } from "../rpc/errors.ts";
import type { GetClusterStatusResponse__Output } from "../rpc/gen/falconqueue/v1/GetClusterStatusResponse";
import type { StepDownResponse__Output } from "../rpc/gen/falconqueue/v1/StepDownResponse";
import { packageDefinition } from "../rpc/schema.ts";
import { channelSecurity } from "../rpc/security.ts";
import { clientArgs, clientSecurity } from "./client-flags.ts";
import { CliError, parseAddress } from "./common.ts";
import { dim, green, printJson, table, yellow } from "./output.ts";

type Def<Res> = MethodDefinition<object, unknown, unknown, Res>;

async function withRpc<T>(args: { master: string } & Record<string, unknown>, fn: (rpc: RpcClient, method: <Res>(name: string) => Def<Res>) => Promise<T>): Promise<T> {
  const security = await clientSecurity(args);
  const rpc = new RpcClient(parseAddress("master", args.master), channelSecurity(security));
  const svc = packageDefinition()["falconqueue.v1.Cluster"] as unknown as Record<string, Def<unknown>>;
  try {
    return await fn(rpc, <Res>(name: string) => svc[name] as Def<Res>);
  } catch (e) {
    if (e instanceof RpcError) throw new CliError(`${e.codeName}: ${e.details}`);
    throw e;
  } finally {
    rpc.close();
  }
}

const policy = { baseMs: 100, maxMs: 1000, deadlineMs: 5000 };

const status = defineCommand({
  meta: { name: "status", description: "The leader, its epoch and every standby with its lag and in-sync flags (the default)" },
  args: { json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withRpc(args, async (rpc, method) => {
      const s = await rpc.unaryRetry(method<GetClusterStatusResponse__Output>("GetClusterStatus"), {}, policy, 5000);
      if (args.json) {
        printJson(s);
        return;
      }
      console.log(`cluster ${s.cluster}: leader ${green(s.leader)}, epoch ${s.epoch}, min-insync ${s.min_insync}`);
      const rows = [["STANDBY", "CONNECTED", "IN SYNC", "IN ETCD SET", "LAG BYTES", "LAG MS"]];
      for (const m of s.members) {
        const lag = (n: number) => (n < 0 ? "-" : String(n));
        rows.push([m.id, m.connected ? "yes" : yellow("no"), m.in_sync ? "yes" : yellow("no"), m.quorum ? "yes" : "no", lag(Number(m.lag_bytes)), lag(Number(m.lag_ms))]);
      }
      console.log(s.members.length === 0 ? dim("no standbys") : table(rows, { keep: [0] }));
    }),
});

const stepDown = defineCommand({
  meta: { name: "step-down", description: "Make the leader resign and exit; an in-sync standby takes over" },
  args: { json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withRpc(args, async (rpc, method) => {
      const r = await rpc.unaryRetry(method<StepDownResponse__Output>("StepDown"), {}, policy, 5000);
      if (args.json) printJson(r);
      else console.log(`leader ${r.leader} (epoch ${r.epoch}) is stepping down`);
    }),
});

export default defineCommand({
  meta: { name: "cluster", description: "Cluster mode: status of the leader and standbys, step-down" },
  args: status.args,
  subCommands: { status, "step-down": stepDown },
  default: "status",
});

// gRPC adapter of falconqueue.v1.Cluster (docs/ha.md, "Cluster mode"): the
// leader's view of its cluster (`falconq cluster status`) and a voluntary
// step-down. Both need role admin on every queue (rpcRules ClusterStatus,
// ClusterStepDown). A master without a cluster answers FAILED_PRECONDITION;
// a standby does not serve this service at all (its own server answers every
// call UNAVAILABLE with the leader's address, src/server/cluster-node.ts).

import type * as grpc from "@grpc/grpc-js";
import { failedPrecondition } from "../core/errors.ts";
import { authorizeRole } from "../master/auth.ts";
import { decodeFailure } from "../rpc/decode.ts";
import { toStatus } from "../rpc/errors.ts";
import type { GetClusterStatusResponse } from "../rpc/gen/falconqueue/v1/GetClusterStatusResponse";
import type { StepDownResponse } from "../rpc/gen/falconqueue/v1/StepDownResponse";
import { identify, type ServiceDeps } from "./service.ts";

export const clusterService = "falconqueue.v1.Cluster";

export interface ClusterMemberStatus {
  id: string;
  connected: boolean;
  inSync: boolean;
  /** In the set stored in etcd: acknowledges every write, may be elected. */
  quorum: boolean;
  lagBytes: number;
  lagMs: number;
}

export interface ClusterStatus {
  cluster: string;
  leader: string;
  epoch: number;
  minInsync: number;
  members: ClusterMemberStatus[];
}

/** What a leader of a cluster answers. */
export interface ClusterHooks {
  status(): ClusterStatus;
  /** Starts stepping down (after the answer is sent); resolves with who stepped down. */
  stepDown(): { leader: string; epoch: number };
}

function hooksOf(h: ClusterHooks | undefined): ClusterHooks {
  if (h === undefined) throw failedPrecondition("this master does not run in a cluster (start it with --cluster)");
  return h;
}

const finite = (n: number) => (Number.isFinite(n) ? Math.round(n) : -1);

export function clusterHandlers(d: ServiceDeps, hooks: ClusterHooks | undefined): grpc.UntypedServiceImplementation {
  const logInternal = (err: unknown) => d.log.error(`cluster rpc: ${(err as Error)?.stack ?? err}`);
  return {
    GetClusterStatus(call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<GetClusterStatusResponse>) {
      try {
        const bad = decodeFailure(call.request);
        if (bad !== undefined) throw bad;
        authorizeRole(identify(d, call), "ClusterStatus");
        const s = hooksOf(hooks).status();
        callback(null, {
          cluster: s.cluster,
          leader: s.leader,
          epoch: s.epoch,
          min_insync: s.minInsync,
          members: s.members.map((m) => ({ id: m.id, connected: m.connected, in_sync: m.inSync, quorum: m.quorum, lag_bytes: finite(m.lagBytes), lag_ms: finite(m.lagMs) })),
        });
      } catch (e) {
        callback(toStatus(e, logInternal));
      }
    },
    StepDown(call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<StepDownResponse>) {
      try {
        const bad = decodeFailure(call.request);
        if (bad !== undefined) throw bad;
        authorizeRole(identify(d, call), "ClusterStepDown");
        const r = hooksOf(hooks).stepDown();
        callback(null, { leader: r.leader, epoch: r.epoch });
      } catch (e) {
        callback(toStatus(e, logInternal));
      }
    },
  };
}

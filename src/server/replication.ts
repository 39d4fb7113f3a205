// gRPC adapter of WAL replication (docs/ha.md, "Replication"): the
// falconqueue.v1.Replication service a leader serves on its master port, and
// the transport a standby follows it with. Both calls need role admin on
// every queue (rpcRules: ReplicationFollow, ReplicationAck); with mTLS a
// master's certificate carries OU=admin. No rule of replication lives here.

import * as grpc from "@grpc/grpc-js";
import type { MethodDefinition } from "@grpc/proto-loader";
import { messageBytesMax } from "../core/config.ts";
import { failedPrecondition } from "../core/errors.ts";
import { authorizeRole } from "../master/auth.ts";
import type { ReplicationTransport } from "../master/replication-follower.ts";
import type { Chunk, FollowRequest, ReplicationLeader } from "../master/replication-leader.ts";
import { type ChannelSecurity, channelCredentials, targetOf } from "../rpc/channel.ts";
import { decodeFailure } from "../rpc/decode.ts";
import { RpcError, toStatus } from "../rpc/errors.ts";
import type { ReplicationDefinition, ReplicationHandlers } from "../rpc/gen/falconqueue/v1/Replication";
import type { ReplicationChunk, ReplicationChunk__Output } from "../rpc/gen/falconqueue/v1/ReplicationChunk";
import { packageDefinition } from "../rpc/schema.ts";
import { identify, type ServiceDeps } from "./service.ts";

export const replicationService = "falconqueue.v1.Replication";

/** The leader of this master, or undefined when it does not replicate (no cluster). */
export type LeaderRef = () => ReplicationLeader | undefined;

function leaderOf(ref: LeaderRef): ReplicationLeader {
  const l = ref();
  if (l === undefined) throw failedPrecondition("this master does not replicate its WAL (it runs without a cluster)");
  return l;
}

function toWire(c: Chunk): ReplicationChunk {
  if (c.kind === "frames") return { epoch: c.epoch, segment: c.segment, offset: c.offset, frames: c.bytes };
  return {
    epoch: c.epoch,
    segment: c.segment,
    offset: 0,
    snapshot: { total_bytes: c.totalBytes, part_offset: c.partOffset, data: c.data, last: c.last },
  };
}

function fromWire(c: ReplicationChunk__Output): Chunk {
  const s = c.snapshot;
  if (s) {
    return { kind: "snapshot", epoch: c.epoch, segment: c.segment, totalBytes: s.total_bytes, partOffset: s.part_offset, data: s.data, last: s.last };
  }
  return { kind: "frames", epoch: c.epoch, segment: c.segment, offset: c.offset, bytes: c.frames };
}

export function replicationHandlers(d: ServiceDeps, ref: LeaderRef): ReplicationHandlers {
  return {
    Follow(call) {
      const ac = new AbortController();
      call.on("cancelled", () => ac.abort());
      call.on("close", () => ac.abort());
      void (async () => {
        try {
          const bad = decodeFailure(call.request);
          if (bad !== undefined) throw bad;
          authorizeRole(identify(d, call), "ReplicationFollow");
          const r = call.request;
          const req: FollowRequest = {
            followerId: r.follower_id,
            epoch: r.epoch,
            segment: r.segment,
            offset: r.offset,
            segments: r.segments.map((x) => ({ segment: x.segment, bytes: x.bytes, crc32c: x.crc32c })),
          };
          if (!req.followerId) throw failedPrecondition("follower_id is required");
          for await (const c of leaderOf(ref).follow(req, ac.signal)) {
            if (ac.signal.aborted) break;
            if (!call.write(toWire(c))) await drained(call, ac.signal);
          }
          if (!ac.signal.aborted) call.end();
        } catch (e) {
          if (!ac.signal.aborted) call.emit("error", toStatus(e, (err) => d.log.error(`replication stream: ${(err as Error)?.stack ?? err}`)));
        }
      })();
    },
    Ack(call, callback) {
      try {
        const bad = decodeFailure(call.request);
        if (bad !== undefined) throw bad;
        authorizeRole(identify(d, call), "ReplicationAck");
        const r = call.request;
        leaderOf(ref).ack(r.follower_id, r.epoch, { segment: r.segment, offset: r.offset });
        callback(null, {});
      } catch (e) {
        callback(toStatus(e, (err) => d.log.error(`replication ack: ${(err as Error)?.stack ?? err}`)));
      }
    },
  };
}

function drained(call: grpc.ServerWritableStream<unknown, unknown>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off("drain", done);
      signal.removeEventListener("abort", done);
      resolve();
    };
    call.on("drain", done);
    signal.addEventListener("abort", done);
  });
}

/** A standby's connection to the leader at `address`. */
export class GrpcReplicationTransport implements ReplicationTransport {
  private readonly raw: grpc.Client;
  private readonly token: string | undefined;
  private readonly defs: ReplicationDefinition;

  constructor(address: string, security: ChannelSecurity = {}) {
    const target = targetOf(address);
    const { credentials, options } = channelCredentials(target, security.tls);
    this.token = security.token;
    this.raw = new grpc.Client(target, credentials, {
      ...options,
      "grpc.max_receive_message_length": messageBytesMax,
      "grpc.max_send_message_length": messageBytesMax,
      "grpc.initial_reconnect_backoff_ms": 100,
      "grpc.max_reconnect_backoff_ms": 1000,
      "grpc.keepalive_time_ms": 10_000,
      "grpc.keepalive_timeout_ms": 5_000,
    });
    this.defs = packageDefinition()[replicationService] as unknown as ReplicationDefinition;
  }

  private metadata(): grpc.Metadata {
    const md = new grpc.Metadata();
    if (this.token !== undefined) md.set("authorization", `Bearer ${this.token}`);
    return md;
  }

  async *follow(req: FollowRequest, signal: AbortSignal): AsyncIterable<Chunk> {
    const def = this.defs.Follow as MethodDefinition<unknown, unknown, unknown, ReplicationChunk__Output>;
    const wire = {
      follower_id: req.followerId,
      epoch: req.epoch,
      segment: req.segment,
      offset: req.offset,
      segments: req.segments.map((s) => ({ segment: s.segment, bytes: s.bytes, crc32c: s.crc32c })),
    };
    const stream = this.raw.makeServerStreamRequest(def.path, def.requestSerialize, def.responseDeserialize, wire, this.metadata());
    const cancel = () => stream.cancel();
    signal.addEventListener("abort", cancel);
    try {
      for await (const c of stream as AsyncIterable<ReplicationChunk__Output>) yield fromWire(c);
    } catch (e) {
      const err = e as grpc.ServiceError;
      if (signal.aborted) return;
      throw typeof err.code === "number" ? new RpcError(err.code, err.details || err.message) : err;
    } finally {
      signal.removeEventListener("abort", cancel);
      stream.cancel();
    }
  }

  ack(a: { followerId: string; epoch: number; segment: number; offset: number }): Promise<void> {
    const def = this.defs.Ack as MethodDefinition<unknown, unknown, unknown, unknown>;
    const req = { follower_id: a.followerId, epoch: a.epoch, segment: a.segment, offset: a.offset };
    return new Promise((resolve, reject) => {
      this.raw.makeUnaryRequest(def.path, def.requestSerialize, def.responseDeserialize, req, this.metadata(), { deadline: Date.now() + 10_000 }, (err) =>
        err ? reject(new RpcError(err.code ?? grpc.status.UNKNOWN, err.details || err.message)) : resolve(),
      );
    });
  }

  close(): void {
    this.raw.close();
  }
}

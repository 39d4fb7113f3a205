// grpc.health.v1.Health: SERVING once recovery is done and while storage
// works; NOT_SERVING while recovering and after a fail-stop.

import * as grpc from "@grpc/grpc-js";

export const serviceName = "falconqueue.v1.FalconQueueService";

const Status = { SERVING: 1, NOT_SERVING: 2, SERVICE_UNKNOWN: 3 } as const;

export class Health {
  private serving = false;
  private readonly watchers = new Set<grpc.ServerWritableStream<{ service: string }, unknown>>();

  set(serving: boolean): void {
    if (serving === this.serving) return;
    this.serving = serving;
    for (const w of this.watchers) w.write({ status: this.statusOf(w.request.service) });
  }

  private statusOf(service: string): number {
    if (service !== "" && service !== serviceName) return Status.SERVICE_UNKNOWN;
    return this.serving ? Status.SERVING : Status.NOT_SERVING;
  }

  handlers(): grpc.UntypedServiceImplementation {
    return {
      Check: (call: grpc.ServerUnaryCall<{ service: string }, unknown>, cb: grpc.sendUnaryData<unknown>) => {
        const s = this.statusOf(call.request.service ?? "");
        if (s === Status.SERVICE_UNKNOWN) cb({ code: grpc.status.NOT_FOUND, details: `unknown service ${call.request.service}` });
        else cb(null, { status: s });
      },
      Watch: (call: grpc.ServerWritableStream<{ service: string }, unknown>) => {
        this.watchers.add(call);
        call.write({ status: this.statusOf(call.request.service ?? "") });
        const off = () => this.watchers.delete(call);
        call.on("cancelled", off);
        call.on("close", off);
      },
    };
  }

  /** Ends open Watch streams (shutdown). */
  close(): void {
    for (const w of this.watchers) w.end();
    this.watchers.clear();
  }
}

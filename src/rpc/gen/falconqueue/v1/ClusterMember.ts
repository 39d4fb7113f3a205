// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface ClusterMember {
  /**
   * the standby's advertise host:port
   */
  'id'?: (string);
  'connected'?: (boolean);
  /**
   * in the leader's in-sync set now
   */
  'in_sync'?: (boolean);
  /**
   * in the set stored in etcd: must acknowledge every write, may be elected
   */
  'quorum'?: (boolean);
  /**
   * -1: unknown (not following)
   */
  'lag_bytes'?: (number | string | Long);
  'lag_ms'?: (number | string | Long);
}

export interface ClusterMember__Output {
  /**
   * the standby's advertise host:port
   */
  'id': (string);
  'connected': (boolean);
  /**
   * in the leader's in-sync set now
   */
  'in_sync': (boolean);
  /**
   * in the set stored in etcd: must acknowledge every write, may be elected
   */
  'quorum': (boolean);
  /**
   * -1: unknown (not following)
   */
  'lag_bytes': (number);
  'lag_ms': (number);
}

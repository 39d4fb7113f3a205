// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Part of a snapshot transfer: the leader's snapshot file that covers the
 * segments before the chunk's `segment`. An empty file (total_bytes 0) means
 * "start from an empty state at `segment`".
 */
export interface SnapshotPart {
  'total_bytes'?: (number | string | Long);
  'part_offset'?: (number | string | Long);
  'data'?: (Buffer | Uint8Array | string);
  'last'?: (boolean);
}

/**
 * Part of a snapshot transfer: the leader's snapshot file that covers the
 * segments before the chunk's `segment`. An empty file (total_bytes 0) means
 * "start from an empty state at `segment`".
 */
export interface SnapshotPart__Output {
  'total_bytes': (number);
  'part_offset': (number);
  'data': (Buffer);
  'last': (boolean);
}

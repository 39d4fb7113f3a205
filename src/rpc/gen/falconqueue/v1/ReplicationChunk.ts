// Original file: proto/falconqueue/v1/service.proto

import type { SnapshotPart as _falconqueue_v1_SnapshotPart, SnapshotPart__Output as _falconqueue_v1_SnapshotPart__Output } from '../../falconqueue/v1/SnapshotPart';
import type { Long } from '@grpc/proto-loader';

/**
 * One step of the stream, always tagged with the leader's epoch and the WAL
 * position it concerns.
 */
export interface ReplicationChunk {
  'epoch'?: (number | string | Long);
  'segment'?: (number | string | Long);
  /**
   * frames: where they go in `segment`
   */
  'offset'?: (number | string | Long);
  /**
   * whole WAL frames, byte for byte as the leader wrote them
   */
  'frames'?: (Buffer | Uint8Array | string);
  'snapshot'?: (_falconqueue_v1_SnapshotPart | null);
}

/**
 * One step of the stream, always tagged with the leader's epoch and the WAL
 * position it concerns.
 */
export interface ReplicationChunk__Output {
  'epoch': (number);
  'segment': (number);
  /**
   * frames: where they go in `segment`
   */
  'offset': (number);
  /**
   * whole WAL frames, byte for byte as the leader wrote them
   */
  'frames': (Buffer);
  'snapshot': (_falconqueue_v1_SnapshotPart__Output | null);
}

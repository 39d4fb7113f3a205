// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface SegmentDigest {
  'segment'?: (number | string | Long);
  'bytes'?: (number | string | Long);
  /**
   * CRC-32C of the segment's first `bytes` bytes
   */
  'crc32c'?: (number);
}

export interface SegmentDigest__Output {
  'segment': (number);
  'bytes': (number);
  /**
   * CRC-32C of the segment's first `bytes` bytes
   */
  'crc32c': (number);
}

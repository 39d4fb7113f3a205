// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface AckPosition {
  'follower_id'?: (string);
  'epoch'?: (number | string | Long);
  /**
   * everything before (segment, offset) is durable on the standby
   */
  'segment'?: (number | string | Long);
  'offset'?: (number | string | Long);
}

export interface AckPosition__Output {
  'follower_id': (string);
  'epoch': (number);
  /**
   * everything before (segment, offset) is durable on the standby
   */
  'segment': (number);
  'offset': (number);
}

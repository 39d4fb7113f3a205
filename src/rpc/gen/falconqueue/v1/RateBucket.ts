// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Snapshots only: a token bucket. credit is tokens x period_ms (whole numbers,
 * so replay is exact), brought up to date at at_ms.
 */
export interface RateBucket {
  'queue'?: (string);
  'group'?: (string);
  /**
   * the queue's own bucket (group is then empty)
   */
  'queue_wide'?: (boolean);
  'credit'?: (number | string | Long);
  'at_ms'?: (number | string | Long);
}

/**
 * Snapshots only: a token bucket. credit is tokens x period_ms (whole numbers,
 * so replay is exact), brought up to date at at_ms.
 */
export interface RateBucket__Output {
  'queue': (string);
  'group': (string);
  /**
   * the queue's own bucket (group is then empty)
   */
  'queue_wide': (boolean);
  'credit': (number);
  'at_ms': (number);
}

// Original file: proto/falconqueue/v1/service.proto

import type { SegmentDigest as _falconqueue_v1_SegmentDigest, SegmentDigest__Output as _falconqueue_v1_SegmentDigest__Output } from '../../falconqueue/v1/SegmentDigest';
import type { Long } from '@grpc/proto-loader';

/**
 * A standby's log: the end of its newest segment, and a digest of each
 * segment it holds past its newest snapshot (the leader compares them with its
 * own to find where a deposed leader's tail diverges).
 */
export interface FollowRequest {
  'follower_id'?: (string);
  /**
   * highest leader epoch the standby has seen
   */
  'epoch'?: (number | string | Long);
  /**
   * its newest segment; 0 = an empty log
   */
  'segment'?: (number | string | Long);
  /**
   * bytes in that segment
   */
  'offset'?: (number | string | Long);
  'segments'?: (_falconqueue_v1_SegmentDigest)[];
}

/**
 * A standby's log: the end of its newest segment, and a digest of each
 * segment it holds past its newest snapshot (the leader compares them with its
 * own to find where a deposed leader's tail diverges).
 */
export interface FollowRequest__Output {
  'follower_id': (string);
  /**
   * highest leader epoch the standby has seen
   */
  'epoch': (number);
  /**
   * its newest segment; 0 = an empty log
   */
  'segment': (number);
  /**
   * bytes in that segment
   */
  'offset': (number);
  'segments': (_falconqueue_v1_SegmentDigest__Output)[];
}

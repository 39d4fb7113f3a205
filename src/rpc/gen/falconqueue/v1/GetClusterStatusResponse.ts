// Original file: proto/falconqueue/v1/service.proto

import type { ClusterMember as _falconqueue_v1_ClusterMember, ClusterMember__Output as _falconqueue_v1_ClusterMember__Output } from '../../falconqueue/v1/ClusterMember';
import type { Long } from '@grpc/proto-loader';

export interface GetClusterStatusResponse {
  'cluster'?: (string);
  /**
   * host:port
   */
  'leader'?: (string);
  'epoch'?: (number | string | Long);
  'min_insync'?: (number);
  'members'?: (_falconqueue_v1_ClusterMember)[];
}

export interface GetClusterStatusResponse__Output {
  'cluster': (string);
  /**
   * host:port
   */
  'leader': (string);
  'epoch': (number);
  'min_insync': (number);
  'members': (_falconqueue_v1_ClusterMember__Output)[];
}

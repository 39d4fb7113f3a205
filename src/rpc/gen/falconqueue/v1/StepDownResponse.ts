// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

export interface StepDownResponse {
  /**
   * who stepped down
   */
  'leader'?: (string);
  'epoch'?: (number | string | Long);
}

export interface StepDownResponse__Output {
  /**
   * who stepped down
   */
  'leader': (string);
  'epoch': (number);
}

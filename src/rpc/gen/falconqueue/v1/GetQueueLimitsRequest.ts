// Original file: proto/falconqueue/v1/service.proto


export interface GetQueueLimitsRequest {
  'queue'?: (string);
  /**
   * groups to list, busiest first; 0 = 20, the most
   */
  'top_groups'?: (number);
}

export interface GetQueueLimitsRequest__Output {
  'queue': (string);
  /**
   * groups to list, busiest first; 0 = 20, the most
   */
  'top_groups': (number);
}

// Original file: proto/falconqueue/v1/service.proto

import type { Grant as _falconqueue_v1_Grant, Grant__Output as _falconqueue_v1_Grant__Output } from '../../falconqueue/v1/Grant';

export interface WhoAmIResponse {
  'name'?: (string);
  /**
   * token | certificate | admin-token-file | anonymous
   */
  'via'?: (string);
  'grants'?: (_falconqueue_v1_Grant)[];
  /**
   * false: the master accepts calls without credentials
   */
  'auth_required'?: (boolean);
}

export interface WhoAmIResponse__Output {
  'name': (string);
  /**
   * token | certificate | admin-token-file | anonymous
   */
  'via': (string);
  'grants': (_falconqueue_v1_Grant__Output)[];
  /**
   * false: the master accepts calls without credentials
   */
  'auth_required': (boolean);
}

// Original file: proto/falconqueue/v1/service.proto

import type { TokenInfo as _falconqueue_v1_TokenInfo, TokenInfo__Output as _falconqueue_v1_TokenInfo__Output } from '../../falconqueue/v1/TokenInfo';

export interface CreateTokenResponse {
  'info'?: (_falconqueue_v1_TokenInfo | null);
  /**
   * shown once
   */
  'token'?: (string);
}

export interface CreateTokenResponse__Output {
  'info': (_falconqueue_v1_TokenInfo__Output | null);
  /**
   * shown once
   */
  'token': (string);
}

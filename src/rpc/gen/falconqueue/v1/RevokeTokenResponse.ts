// Original file: proto/falconqueue/v1/service.proto

import type { TokenInfo as _falconqueue_v1_TokenInfo, TokenInfo__Output as _falconqueue_v1_TokenInfo__Output } from '../../falconqueue/v1/TokenInfo';

export interface RevokeTokenResponse {
  'info'?: (_falconqueue_v1_TokenInfo | null);
}

export interface RevokeTokenResponse__Output {
  'info': (_falconqueue_v1_TokenInfo__Output | null);
}

// Original file: proto/falconqueue/v1/service.proto

import type { TokenInfo as _falconqueue_v1_TokenInfo, TokenInfo__Output as _falconqueue_v1_TokenInfo__Output } from '../../falconqueue/v1/TokenInfo';

export interface ListTokensResponse {
  'tokens'?: (_falconqueue_v1_TokenInfo)[];
}

export interface ListTokensResponse__Output {
  'tokens': (_falconqueue_v1_TokenInfo__Output)[];
}

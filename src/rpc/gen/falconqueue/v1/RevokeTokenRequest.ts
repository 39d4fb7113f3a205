// Original file: proto/falconqueue/v1/service.proto


export interface RevokeTokenRequest {
  /**
   * a token's id or name
   */
  'token'?: (string);
}

export interface RevokeTokenRequest__Output {
  /**
   * a token's id or name
   */
  'token': (string);
}

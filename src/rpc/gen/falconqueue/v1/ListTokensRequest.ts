// Original file: proto/falconqueue/v1/service.proto


export interface ListTokensRequest {
}

export interface ListTokensRequest__Output {
}

// Original file: proto/falconqueue/v1/service.proto


export interface WhoAmIRequest {
}

export interface WhoAmIRequest__Output {
}

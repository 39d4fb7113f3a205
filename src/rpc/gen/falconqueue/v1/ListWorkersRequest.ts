// Original file: proto/falconqueue/v1/service.proto


export interface ListWorkersRequest {
}

export interface ListWorkersRequest__Output {
}

// Original file: proto/falconqueue/v1/service.proto


export interface GetClusterStatusRequest {
}

export interface GetClusterStatusRequest__Output {
}

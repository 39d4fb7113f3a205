// Original file: proto/falconqueue/v1/service.proto


export interface GetStatsRequest {
}

export interface GetStatsRequest__Output {
}

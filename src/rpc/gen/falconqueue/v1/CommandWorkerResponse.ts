// Original file: proto/falconqueue/v1/service.proto


export interface CommandWorkerResponse {
}

export interface CommandWorkerResponse__Output {
}

// Original file: proto/falconqueue/v1/service.proto


export interface ReportProgressResponse {
}

export interface ReportProgressResponse__Output {
}

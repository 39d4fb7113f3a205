// Original file: proto/falconqueue/v1/service.proto


export interface WalRemoved {
  'job_ids'?: (string)[];
}

export interface WalRemoved__Output {
  'job_ids': (string)[];
}

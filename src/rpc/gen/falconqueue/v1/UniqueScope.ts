// Original file: proto/falconqueue/v1/service.proto

export const UniqueScope = {
  UNIQUE_SCOPE_UNSPECIFIED: 0,
  /**
   * held while the job is scheduled, pending or running
   */
  UNIQUE_SCOPE_UNFINISHED: 1,
  /**
   * held while unfinished and unique_ttl_ms after it finished
   */
  UNIQUE_SCOPE_TTL: 2,
} as const;

export type UniqueScope =
  | 'UNIQUE_SCOPE_UNSPECIFIED'
  | 0
  /**
   * held while the job is scheduled, pending or running
   */
  | 'UNIQUE_SCOPE_UNFINISHED'
  | 1
  /**
   * held while unfinished and unique_ttl_ms after it finished
   */
  | 'UNIQUE_SCOPE_TTL'
  | 2

export type UniqueScope__Output = typeof UniqueScope[keyof typeof UniqueScope]

// Original file: proto/falconqueue/v1/service.proto

export const UniqueConflict = {
  UNIQUE_CONFLICT_UNSPECIFIED: 0,
  /**
   * return the holder with duplicate = true
   */
  UNIQUE_CONFLICT_RETURN: 1,
  /**
   * ALREADY_EXISTS naming the key and the holder
   */
  UNIQUE_CONFLICT_REJECT: 2,
} as const;

export type UniqueConflict =
  | 'UNIQUE_CONFLICT_UNSPECIFIED'
  | 0
  /**
   * return the holder with duplicate = true
   */
  | 'UNIQUE_CONFLICT_RETURN'
  | 1
  /**
   * ALREADY_EXISTS naming the key and the holder
   */
  | 'UNIQUE_CONFLICT_REJECT'
  | 2

export type UniqueConflict__Output = typeof UniqueConflict[keyof typeof UniqueConflict]

// Original file: proto/falconqueue/v1/service.proto

export const DebounceMode = {
  DEBOUNCE_MODE_UNSPECIFIED: 0,
  /**
   * the waiting job takes the new payload; its start moves to now + delay
   */
  DEBOUNCE_MODE_REPLACE: 1,
  /**
   * the waiting job keeps its payload; its start moves to now + delay
   */
  DEBOUNCE_MODE_EXTEND_ONLY: 2,
} as const;

export type DebounceMode =
  | 'DEBOUNCE_MODE_UNSPECIFIED'
  | 0
  /**
   * the waiting job takes the new payload; its start moves to now + delay
   */
  | 'DEBOUNCE_MODE_REPLACE'
  | 1
  /**
   * the waiting job keeps its payload; its start moves to now + delay
   */
  | 'DEBOUNCE_MODE_EXTEND_ONLY'
  | 2

export type DebounceMode__Output = typeof DebounceMode[keyof typeof DebounceMode]

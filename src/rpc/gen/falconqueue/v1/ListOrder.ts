// Original file: proto/falconqueue/v1/service.proto

export const ListOrder = {
  /**
   * oldest first
   */
  LIST_ORDER_UNSPECIFIED: 0,
  LIST_ORDER_OLDEST_FIRST: 1,
  LIST_ORDER_NEWEST_FIRST: 2,
} as const;

export type ListOrder =
  /**
   * oldest first
   */
  | 'LIST_ORDER_UNSPECIFIED'
  | 0
  | 'LIST_ORDER_OLDEST_FIRST'
  | 1
  | 'LIST_ORDER_NEWEST_FIRST'
  | 2

export type ListOrder__Output = typeof ListOrder[keyof typeof ListOrder]

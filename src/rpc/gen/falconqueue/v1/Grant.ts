// Original file: proto/falconqueue/v1/service.proto


/**
 * A grant: a role over queue patterns ("mail.*", "billing", "*").
 */
export interface Grant {
  /**
   * producer | worker | viewer | admin
   */
  'role'?: (string);
  'queues'?: (string)[];
}

/**
 * A grant: a role over queue patterns ("mail.*", "billing", "*").
 */
export interface Grant__Output {
  /**
   * producer | worker | viewer | admin
   */
  'role': (string);
  'queues': (string)[];
}

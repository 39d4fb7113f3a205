// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * An API token as the master keeps it: the WAL's token_created record and a
 * snapshot's tokens. Only the SHA-256 of the secret is stored.
 */
export interface StoredToken {
  /**
   * public id, 16 lowercase hex characters
   */
  'id'?: (string);
  'name'?: (string);
  /**
   * producer, worker, viewer or admin
   */
  'role'?: (string);
  /**
   * queue names or patterns ("mail.*", "*")
   */
  'queues'?: (string)[];
  /**
   * SHA-256 of the secret, 32 bytes
   */
  'hash'?: (Buffer | Uint8Array | string);
  'created_at_ms'?: (number | string | Long);
  /**
   * 0: never expires
   */
  'expires_at_ms'?: (number | string | Long);
  /**
   * 0: never used
   */
  'last_used_at_ms'?: (number | string | Long);
}

/**
 * An API token as the master keeps it: the WAL's token_created record and a
 * snapshot's tokens. Only the SHA-256 of the secret is stored.
 */
export interface StoredToken__Output {
  /**
   * public id, 16 lowercase hex characters
   */
  'id': (string);
  'name': (string);
  /**
   * producer, worker, viewer or admin
   */
  'role': (string);
  /**
   * queue names or patterns ("mail.*", "*")
   */
  'queues': (string)[];
  /**
   * SHA-256 of the secret, 32 bytes
   */
  'hash': (Buffer);
  'created_at_ms': (number);
  /**
   * 0: never expires
   */
  'expires_at_ms': (number);
  /**
   * 0: never used
   */
  'last_used_at_ms': (number);
}

// Original file: proto/falconqueue/v1/service.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A submit was debounced into a job that had not started: its start moves
 * to run_at_ms (SCHEDULED when later than at_ms, else PENDING) and, with
 * replace_payload, its payload becomes `payload`.
 */
export interface WalDebounced {
  'job_id'?: (string);
  'payload'?: (Buffer | Uint8Array | string);
  'run_at_ms'?: (number | string | Long);
  'at_ms'?: (number | string | Long);
  'replace_payload'?: (boolean);
}

/**
 * A submit was debounced into a job that had not started: its start moves
 * to run_at_ms (SCHEDULED when later than at_ms, else PENDING) and, with
 * replace_payload, its payload becomes `payload`.
 */
export interface WalDebounced__Output {
  'job_id': (string);
  'payload': (Buffer);
  'run_at_ms': (number);
  'at_ms': (number);
  'replace_payload': (boolean);
}

// Original file: proto/falconqueue/v1/service.proto

import type { WalSubmitted as _falconqueue_v1_WalSubmitted, WalSubmitted__Output as _falconqueue_v1_WalSubmitted__Output } from '../../falconqueue/v1/WalSubmitted';
import type { WalLeased as _falconqueue_v1_WalLeased, WalLeased__Output as _falconqueue_v1_WalLeased__Output } from '../../falconqueue/v1/WalLeased';
import type { WalExtended as _falconqueue_v1_WalExtended, WalExtended__Output as _falconqueue_v1_WalExtended__Output } from '../../falconqueue/v1/WalExtended';
import type { WalCompleted as _falconqueue_v1_WalCompleted, WalCompleted__Output as _falconqueue_v1_WalCompleted__Output } from '../../falconqueue/v1/WalCompleted';
import type { WalAttemptFailed as _falconqueue_v1_WalAttemptFailed, WalAttemptFailed__Output as _falconqueue_v1_WalAttemptFailed__Output } from '../../falconqueue/v1/WalAttemptFailed';
import type { WalCancelled as _falconqueue_v1_WalCancelled, WalCancelled__Output as _falconqueue_v1_WalCancelled__Output } from '../../falconqueue/v1/WalCancelled';
import type { WalRetried as _falconqueue_v1_WalRetried, WalRetried__Output as _falconqueue_v1_WalRetried__Output } from '../../falconqueue/v1/WalRetried';
import type { WalRemoved as _falconqueue_v1_WalRemoved, WalRemoved__Output as _falconqueue_v1_WalRemoved__Output } from '../../falconqueue/v1/WalRemoved';
import type { WalQueuePaused as _falconqueue_v1_WalQueuePaused, WalQueuePaused__Output as _falconqueue_v1_WalQueuePaused__Output } from '../../falconqueue/v1/WalQueuePaused';
import type { WalProgress as _falconqueue_v1_WalProgress, WalProgress__Output as _falconqueue_v1_WalProgress__Output } from '../../falconqueue/v1/WalProgress';
import type { WalPromoted as _falconqueue_v1_WalPromoted, WalPromoted__Output as _falconqueue_v1_WalPromoted__Output } from '../../falconqueue/v1/WalPromoted';
import type { WalReturned as _falconqueue_v1_WalReturned, WalReturned__Output as _falconqueue_v1_WalReturned__Output } from '../../falconqueue/v1/WalReturned';
import type { WalDeleted as _falconqueue_v1_WalDeleted, WalDeleted__Output as _falconqueue_v1_WalDeleted__Output } from '../../falconqueue/v1/WalDeleted';
import type { WalJobPromoted as _falconqueue_v1_WalJobPromoted, WalJobPromoted__Output as _falconqueue_v1_WalJobPromoted__Output } from '../../falconqueue/v1/WalJobPromoted';
import type { QueueRetention as _falconqueue_v1_QueueRetention, QueueRetention__Output as _falconqueue_v1_QueueRetention__Output } from '../../falconqueue/v1/QueueRetention';
import type { StoredToken as _falconqueue_v1_StoredToken, StoredToken__Output as _falconqueue_v1_StoredToken__Output } from '../../falconqueue/v1/StoredToken';
import type { WalTokenRevoked as _falconqueue_v1_WalTokenRevoked, WalTokenRevoked__Output as _falconqueue_v1_WalTokenRevoked__Output } from '../../falconqueue/v1/WalTokenRevoked';
import type { WalTokensUsed as _falconqueue_v1_WalTokensUsed, WalTokensUsed__Output as _falconqueue_v1_WalTokensUsed__Output } from '../../falconqueue/v1/WalTokensUsed';
import type { WalDebounced as _falconqueue_v1_WalDebounced, WalDebounced__Output as _falconqueue_v1_WalDebounced__Output } from '../../falconqueue/v1/WalDebounced';
import type { StoredBatch as _falconqueue_v1_StoredBatch, StoredBatch__Output as _falconqueue_v1_StoredBatch__Output } from '../../falconqueue/v1/StoredBatch';
import type { WalBatchClosed as _falconqueue_v1_WalBatchClosed, WalBatchClosed__Output as _falconqueue_v1_WalBatchClosed__Output } from '../../falconqueue/v1/WalBatchClosed';
import type { WalBatchFired as _falconqueue_v1_WalBatchFired, WalBatchFired__Output as _falconqueue_v1_WalBatchFired__Output } from '../../falconqueue/v1/WalBatchFired';
import type { WalFlowSubmitted as _falconqueue_v1_WalFlowSubmitted, WalFlowSubmitted__Output as _falconqueue_v1_WalFlowSubmitted__Output } from '../../falconqueue/v1/WalFlowSubmitted';

export interface WalRecord {
  'submitted'?: (_falconqueue_v1_WalSubmitted | null);
  'leased'?: (_falconqueue_v1_WalLeased | null);
  'extended'?: (_falconqueue_v1_WalExtended | null);
  'completed'?: (_falconqueue_v1_WalCompleted | null);
  'attempt_failed'?: (_falconqueue_v1_WalAttemptFailed | null);
  'cancelled'?: (_falconqueue_v1_WalCancelled | null);
  'retried'?: (_falconqueue_v1_WalRetried | null);
  'removed'?: (_falconqueue_v1_WalRemoved | null);
  'queue_paused'?: (_falconqueue_v1_WalQueuePaused | null);
  'progress'?: (_falconqueue_v1_WalProgress | null);
  'promoted'?: (_falconqueue_v1_WalPromoted | null);
  'returned'?: (_falconqueue_v1_WalReturned | null);
  'deleted'?: (_falconqueue_v1_WalDeleted | null);
  'job_promoted'?: (_falconqueue_v1_WalJobPromoted | null);
  /**
   * SetQueueRetention
   */
  'queue_retention'?: (_falconqueue_v1_QueueRetention | null);
  'token_created'?: (_falconqueue_v1_StoredToken | null);
  'token_revoked'?: (_falconqueue_v1_WalTokenRevoked | null);
  'tokens_used'?: (_falconqueue_v1_WalTokensUsed | null);
  'debounced'?: (_falconqueue_v1_WalDebounced | null);
  'batch_created'?: (_falconqueue_v1_StoredBatch | null);
  'batch_closed'?: (_falconqueue_v1_WalBatchClosed | null);
  'batch_fired'?: (_falconqueue_v1_WalBatchFired | null);
  'flow_submitted'?: (_falconqueue_v1_WalFlowSubmitted | null);
  'record'?: "submitted"|"leased"|"extended"|"completed"|"attempt_failed"|"cancelled"|"retried"|"removed"|"queue_paused"|"progress"|"promoted"|"returned"|"deleted"|"job_promoted"|"queue_retention"|"token_created"|"token_revoked"|"tokens_used"|"debounced"|"batch_created"|"batch_closed"|"batch_fired"|"flow_submitted";
}

export interface WalRecord__Output {
  'submitted'?: (_falconqueue_v1_WalSubmitted__Output | null);
  'leased'?: (_falconqueue_v1_WalLeased__Output | null);
  'extended'?: (_falconqueue_v1_WalExtended__Output | null);
  'completed'?: (_falconqueue_v1_WalCompleted__Output | null);
  'attempt_failed'?: (_falconqueue_v1_WalAttemptFailed__Output | null);
  'cancelled'?: (_falconqueue_v1_WalCancelled__Output | null);
  'retried'?: (_falconqueue_v1_WalRetried__Output | null);
  'removed'?: (_falconqueue_v1_WalRemoved__Output | null);
  'queue_paused'?: (_falconqueue_v1_WalQueuePaused__Output | null);
  'progress'?: (_falconqueue_v1_WalProgress__Output | null);
  'promoted'?: (_falconqueue_v1_WalPromoted__Output | null);
  'returned'?: (_falconqueue_v1_WalReturned__Output | null);
  'deleted'?: (_falconqueue_v1_WalDeleted__Output | null);
  'job_promoted'?: (_falconqueue_v1_WalJobPromoted__Output | null);
  /**
   * SetQueueRetention
   */
  'queue_retention'?: (_falconqueue_v1_QueueRetention__Output | null);
  'token_created'?: (_falconqueue_v1_StoredToken__Output | null);
  'token_revoked'?: (_falconqueue_v1_WalTokenRevoked__Output | null);
  'tokens_used'?: (_falconqueue_v1_WalTokensUsed__Output | null);
  'debounced'?: (_falconqueue_v1_WalDebounced__Output | null);
  'batch_created'?: (_falconqueue_v1_StoredBatch__Output | null);
  'batch_closed'?: (_falconqueue_v1_WalBatchClosed__Output | null);
  'batch_fired'?: (_falconqueue_v1_WalBatchFired__Output | null);
  'flow_submitted'?: (_falconqueue_v1_WalFlowSubmitted__Output | null);
  'record'?: "submitted"|"leased"|"extended"|"completed"|"attempt_failed"|"cancelled"|"retried"|"removed"|"queue_paused"|"progress"|"promoted"|"returned"|"deleted"|"job_promoted"|"queue_retention"|"token_created"|"token_revoked"|"tokens_used"|"debounced"|"batch_created"|"batch_closed"|"batch_fired"|"flow_submitted";
}

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
import type { QueueLimits as _falconqueue_v1_QueueLimits, QueueLimits__Output as _falconqueue_v1_QueueLimits__Output } from '../../falconqueue/v1/QueueLimits';
import type { GroupPaused as _falconqueue_v1_GroupPaused, GroupPaused__Output as _falconqueue_v1_GroupPaused__Output } from '../../falconqueue/v1/GroupPaused';
import type { WalDebounced as _falconqueue_v1_WalDebounced, WalDebounced__Output as _falconqueue_v1_WalDebounced__Output } from '../../falconqueue/v1/WalDebounced';
import type { WalScheduleFired as _falconqueue_v1_WalScheduleFired, WalScheduleFired__Output as _falconqueue_v1_WalScheduleFired__Output } from '../../falconqueue/v1/WalScheduleFired';
import type { WalScheduleSet as _falconqueue_v1_WalScheduleSet, WalScheduleSet__Output as _falconqueue_v1_WalScheduleSet__Output } from '../../falconqueue/v1/WalScheduleSet';
import type { WalScheduleDeleted as _falconqueue_v1_WalScheduleDeleted, WalScheduleDeleted__Output as _falconqueue_v1_WalScheduleDeleted__Output } from '../../falconqueue/v1/WalScheduleDeleted';
import type { WalSchedulePaused as _falconqueue_v1_WalSchedulePaused, WalSchedulePaused__Output as _falconqueue_v1_WalSchedulePaused__Output } from '../../falconqueue/v1/WalSchedulePaused';
import type { WalScheduleSkipped as _falconqueue_v1_WalScheduleSkipped, WalScheduleSkipped__Output as _falconqueue_v1_WalScheduleSkipped__Output } from '../../falconqueue/v1/WalScheduleSkipped';
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
  /**
   * SetQueueLimits
   */
  'queue_limits'?: (_falconqueue_v1_QueueLimits | null);
  /**
   * RateLimitedError with pauseGroup
   */
  'group_paused'?: (_falconqueue_v1_GroupPaused | null);
  'debounced'?: (_falconqueue_v1_WalDebounced | null);
  'schedule_fired'?: (_falconqueue_v1_WalScheduleFired | null);
  'schedule_set'?: (_falconqueue_v1_WalScheduleSet | null);
  'schedule_deleted'?: (_falconqueue_v1_WalScheduleDeleted | null);
  'schedule_paused'?: (_falconqueue_v1_WalSchedulePaused | null);
  'schedule_skipped'?: (_falconqueue_v1_WalScheduleSkipped | null);
  'batch_created'?: (_falconqueue_v1_StoredBatch | null);
  'batch_closed'?: (_falconqueue_v1_WalBatchClosed | null);
  'batch_fired'?: (_falconqueue_v1_WalBatchFired | null);
  'flow_submitted'?: (_falconqueue_v1_WalFlowSubmitted | null);
  'record'?: "submitted"|"leased"|"extended"|"completed"|"attempt_failed"|"cancelled"|"retried"|"removed"|"queue_paused"|"progress"|"promoted"|"returned"|"deleted"|"job_promoted"|"queue_retention"|"token_created"|"token_revoked"|"tokens_used"|"queue_limits"|"group_paused"|"debounced"|"schedule_fired"|"schedule_set"|"schedule_deleted"|"schedule_paused"|"schedule_skipped"|"batch_created"|"batch_closed"|"batch_fired"|"flow_submitted";
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
  /**
   * SetQueueLimits
   */
  'queue_limits'?: (_falconqueue_v1_QueueLimits__Output | null);
  /**
   * RateLimitedError with pauseGroup
   */
  'group_paused'?: (_falconqueue_v1_GroupPaused__Output | null);
  'debounced'?: (_falconqueue_v1_WalDebounced__Output | null);
  'schedule_fired'?: (_falconqueue_v1_WalScheduleFired__Output | null);
  'schedule_set'?: (_falconqueue_v1_WalScheduleSet__Output | null);
  'schedule_deleted'?: (_falconqueue_v1_WalScheduleDeleted__Output | null);
  'schedule_paused'?: (_falconqueue_v1_WalSchedulePaused__Output | null);
  'schedule_skipped'?: (_falconqueue_v1_WalScheduleSkipped__Output | null);
  'batch_created'?: (_falconqueue_v1_StoredBatch__Output | null);
  'batch_closed'?: (_falconqueue_v1_WalBatchClosed__Output | null);
  'batch_fired'?: (_falconqueue_v1_WalBatchFired__Output | null);
  'flow_submitted'?: (_falconqueue_v1_WalFlowSubmitted__Output | null);
  'record'?: "submitted"|"leased"|"extended"|"completed"|"attempt_failed"|"cancelled"|"retried"|"removed"|"queue_paused"|"progress"|"promoted"|"returned"|"deleted"|"job_promoted"|"queue_retention"|"token_created"|"token_revoked"|"tokens_used"|"queue_limits"|"group_paused"|"debounced"|"schedule_fired"|"schedule_set"|"schedule_deleted"|"schedule_paused"|"schedule_skipped"|"batch_created"|"batch_closed"|"batch_fired"|"flow_submitted";
}

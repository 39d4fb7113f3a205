import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AckOutcome as _falconqueue_v1_AckOutcome, AckOutcome__Output as _falconqueue_v1_AckOutcome__Output } from './falconqueue/v1/AckOutcome';
import type { AckPosition as _falconqueue_v1_AckPosition, AckPosition__Output as _falconqueue_v1_AckPosition__Output } from './falconqueue/v1/AckPosition';
import type { AckResponse as _falconqueue_v1_AckResponse, AckResponse__Output as _falconqueue_v1_AckResponse__Output } from './falconqueue/v1/AckResponse';
import type { AcknowledgeJobRequest as _falconqueue_v1_AcknowledgeJobRequest, AcknowledgeJobRequest__Output as _falconqueue_v1_AcknowledgeJobRequest__Output } from './falconqueue/v1/AcknowledgeJobRequest';
import type { AcknowledgeJobResponse as _falconqueue_v1_AcknowledgeJobResponse, AcknowledgeJobResponse__Output as _falconqueue_v1_AcknowledgeJobResponse__Output } from './falconqueue/v1/AcknowledgeJobResponse';
import type { AcknowledgeJobsRequest as _falconqueue_v1_AcknowledgeJobsRequest, AcknowledgeJobsRequest__Output as _falconqueue_v1_AcknowledgeJobsRequest__Output } from './falconqueue/v1/AcknowledgeJobsRequest';
import type { AcknowledgeJobsResponse as _falconqueue_v1_AcknowledgeJobsResponse, AcknowledgeJobsResponse__Output as _falconqueue_v1_AcknowledgeJobsResponse__Output } from './falconqueue/v1/AcknowledgeJobsResponse';
import type { BatchInfo as _falconqueue_v1_BatchInfo, BatchInfo__Output as _falconqueue_v1_BatchInfo__Output } from './falconqueue/v1/BatchInfo';
import type { CancelJobRequest as _falconqueue_v1_CancelJobRequest, CancelJobRequest__Output as _falconqueue_v1_CancelJobRequest__Output } from './falconqueue/v1/CancelJobRequest';
import type { CancelJobResponse as _falconqueue_v1_CancelJobResponse, CancelJobResponse__Output as _falconqueue_v1_CancelJobResponse__Output } from './falconqueue/v1/CancelJobResponse';
import type { CloseBatchRequest as _falconqueue_v1_CloseBatchRequest, CloseBatchRequest__Output as _falconqueue_v1_CloseBatchRequest__Output } from './falconqueue/v1/CloseBatchRequest';
import type { CloseBatchResponse as _falconqueue_v1_CloseBatchResponse, CloseBatchResponse__Output as _falconqueue_v1_CloseBatchResponse__Output } from './falconqueue/v1/CloseBatchResponse';
import type { ClusterClient as _falconqueue_v1_ClusterClient, ClusterDefinition as _falconqueue_v1_ClusterDefinition } from './falconqueue/v1/Cluster';
import type { ClusterMember as _falconqueue_v1_ClusterMember, ClusterMember__Output as _falconqueue_v1_ClusterMember__Output } from './falconqueue/v1/ClusterMember';
import type { CommandWorkerRequest as _falconqueue_v1_CommandWorkerRequest, CommandWorkerRequest__Output as _falconqueue_v1_CommandWorkerRequest__Output } from './falconqueue/v1/CommandWorkerRequest';
import type { CommandWorkerResponse as _falconqueue_v1_CommandWorkerResponse, CommandWorkerResponse__Output as _falconqueue_v1_CommandWorkerResponse__Output } from './falconqueue/v1/CommandWorkerResponse';
import type { CreateBatchRequest as _falconqueue_v1_CreateBatchRequest, CreateBatchRequest__Output as _falconqueue_v1_CreateBatchRequest__Output } from './falconqueue/v1/CreateBatchRequest';
import type { CreateBatchResponse as _falconqueue_v1_CreateBatchResponse, CreateBatchResponse__Output as _falconqueue_v1_CreateBatchResponse__Output } from './falconqueue/v1/CreateBatchResponse';
import type { CreateScheduleRequest as _falconqueue_v1_CreateScheduleRequest, CreateScheduleRequest__Output as _falconqueue_v1_CreateScheduleRequest__Output } from './falconqueue/v1/CreateScheduleRequest';
import type { CreateScheduleResponse as _falconqueue_v1_CreateScheduleResponse, CreateScheduleResponse__Output as _falconqueue_v1_CreateScheduleResponse__Output } from './falconqueue/v1/CreateScheduleResponse';
import type { CreateTokenRequest as _falconqueue_v1_CreateTokenRequest, CreateTokenRequest__Output as _falconqueue_v1_CreateTokenRequest__Output } from './falconqueue/v1/CreateTokenRequest';
import type { CreateTokenResponse as _falconqueue_v1_CreateTokenResponse, CreateTokenResponse__Output as _falconqueue_v1_CreateTokenResponse__Output } from './falconqueue/v1/CreateTokenResponse';
import type { DeleteJobRequest as _falconqueue_v1_DeleteJobRequest, DeleteJobRequest__Output as _falconqueue_v1_DeleteJobRequest__Output } from './falconqueue/v1/DeleteJobRequest';
import type { DeleteJobResponse as _falconqueue_v1_DeleteJobResponse, DeleteJobResponse__Output as _falconqueue_v1_DeleteJobResponse__Output } from './falconqueue/v1/DeleteJobResponse';
import type { DeleteScheduleRequest as _falconqueue_v1_DeleteScheduleRequest, DeleteScheduleRequest__Output as _falconqueue_v1_DeleteScheduleRequest__Output } from './falconqueue/v1/DeleteScheduleRequest';
import type { DeleteScheduleResponse as _falconqueue_v1_DeleteScheduleResponse, DeleteScheduleResponse__Output as _falconqueue_v1_DeleteScheduleResponse__Output } from './falconqueue/v1/DeleteScheduleResponse';
import type { DependencyResult as _falconqueue_v1_DependencyResult, DependencyResult__Output as _falconqueue_v1_DependencyResult__Output } from './falconqueue/v1/DependencyResult';
import type { DeregisterWorkerRequest as _falconqueue_v1_DeregisterWorkerRequest, DeregisterWorkerRequest__Output as _falconqueue_v1_DeregisterWorkerRequest__Output } from './falconqueue/v1/DeregisterWorkerRequest';
import type { DeregisterWorkerResponse as _falconqueue_v1_DeregisterWorkerResponse, DeregisterWorkerResponse__Output as _falconqueue_v1_DeregisterWorkerResponse__Output } from './falconqueue/v1/DeregisterWorkerResponse';
import type { FalconQueueServiceClient as _falconqueue_v1_FalconQueueServiceClient, FalconQueueServiceDefinition as _falconqueue_v1_FalconQueueServiceDefinition } from './falconqueue/v1/FalconQueueService';
import type { FlowNode as _falconqueue_v1_FlowNode, FlowNode__Output as _falconqueue_v1_FlowNode__Output } from './falconqueue/v1/FlowNode';
import type { FollowRequest as _falconqueue_v1_FollowRequest, FollowRequest__Output as _falconqueue_v1_FollowRequest__Output } from './falconqueue/v1/FollowRequest';
import type { GetBatchRequest as _falconqueue_v1_GetBatchRequest, GetBatchRequest__Output as _falconqueue_v1_GetBatchRequest__Output } from './falconqueue/v1/GetBatchRequest';
import type { GetBatchResponse as _falconqueue_v1_GetBatchResponse, GetBatchResponse__Output as _falconqueue_v1_GetBatchResponse__Output } from './falconqueue/v1/GetBatchResponse';
import type { GetClusterStatusRequest as _falconqueue_v1_GetClusterStatusRequest, GetClusterStatusRequest__Output as _falconqueue_v1_GetClusterStatusRequest__Output } from './falconqueue/v1/GetClusterStatusRequest';
import type { GetClusterStatusResponse as _falconqueue_v1_GetClusterStatusResponse, GetClusterStatusResponse__Output as _falconqueue_v1_GetClusterStatusResponse__Output } from './falconqueue/v1/GetClusterStatusResponse';
import type { GetDependenciesRequest as _falconqueue_v1_GetDependenciesRequest, GetDependenciesRequest__Output as _falconqueue_v1_GetDependenciesRequest__Output } from './falconqueue/v1/GetDependenciesRequest';
import type { GetDependenciesResponse as _falconqueue_v1_GetDependenciesResponse, GetDependenciesResponse__Output as _falconqueue_v1_GetDependenciesResponse__Output } from './falconqueue/v1/GetDependenciesResponse';
import type { GetJobRequest as _falconqueue_v1_GetJobRequest, GetJobRequest__Output as _falconqueue_v1_GetJobRequest__Output } from './falconqueue/v1/GetJobRequest';
import type { GetJobResponse as _falconqueue_v1_GetJobResponse, GetJobResponse__Output as _falconqueue_v1_GetJobResponse__Output } from './falconqueue/v1/GetJobResponse';
import type { GetQueueLimitsRequest as _falconqueue_v1_GetQueueLimitsRequest, GetQueueLimitsRequest__Output as _falconqueue_v1_GetQueueLimitsRequest__Output } from './falconqueue/v1/GetQueueLimitsRequest';
import type { GetQueueLimitsResponse as _falconqueue_v1_GetQueueLimitsResponse, GetQueueLimitsResponse__Output as _falconqueue_v1_GetQueueLimitsResponse__Output } from './falconqueue/v1/GetQueueLimitsResponse';
import type { GetScheduleRequest as _falconqueue_v1_GetScheduleRequest, GetScheduleRequest__Output as _falconqueue_v1_GetScheduleRequest__Output } from './falconqueue/v1/GetScheduleRequest';
import type { GetScheduleResponse as _falconqueue_v1_GetScheduleResponse, GetScheduleResponse__Output as _falconqueue_v1_GetScheduleResponse__Output } from './falconqueue/v1/GetScheduleResponse';
import type { GetStatsRequest as _falconqueue_v1_GetStatsRequest, GetStatsRequest__Output as _falconqueue_v1_GetStatsRequest__Output } from './falconqueue/v1/GetStatsRequest';
import type { GetStatsResponse as _falconqueue_v1_GetStatsResponse, GetStatsResponse__Output as _falconqueue_v1_GetStatsResponse__Output } from './falconqueue/v1/GetStatsResponse';
import type { Grant as _falconqueue_v1_Grant, Grant__Output as _falconqueue_v1_Grant__Output } from './falconqueue/v1/Grant';
import type { GroupFlow as _falconqueue_v1_GroupFlow, GroupFlow__Output as _falconqueue_v1_GroupFlow__Output } from './falconqueue/v1/GroupFlow';
import type { GroupPaused as _falconqueue_v1_GroupPaused, GroupPaused__Output as _falconqueue_v1_GroupPaused__Output } from './falconqueue/v1/GroupPaused';
import type { HeartbeatRequest as _falconqueue_v1_HeartbeatRequest, HeartbeatRequest__Output as _falconqueue_v1_HeartbeatRequest__Output } from './falconqueue/v1/HeartbeatRequest';
import type { HeartbeatResponse as _falconqueue_v1_HeartbeatResponse, HeartbeatResponse__Output as _falconqueue_v1_HeartbeatResponse__Output } from './falconqueue/v1/HeartbeatResponse';
import type { Job as _falconqueue_v1_Job, Job__Output as _falconqueue_v1_Job__Output } from './falconqueue/v1/Job';
import type { JobEvent as _falconqueue_v1_JobEvent, JobEvent__Output as _falconqueue_v1_JobEvent__Output } from './falconqueue/v1/JobEvent';
import type { JobOptions as _falconqueue_v1_JobOptions, JobOptions__Output as _falconqueue_v1_JobOptions__Output } from './falconqueue/v1/JobOptions';
import type { JobSpec as _falconqueue_v1_JobSpec, JobSpec__Output as _falconqueue_v1_JobSpec__Output } from './falconqueue/v1/JobSpec';
import type { LeasedJob as _falconqueue_v1_LeasedJob, LeasedJob__Output as _falconqueue_v1_LeasedJob__Output } from './falconqueue/v1/LeasedJob';
import type { ListJobsRequest as _falconqueue_v1_ListJobsRequest, ListJobsRequest__Output as _falconqueue_v1_ListJobsRequest__Output } from './falconqueue/v1/ListJobsRequest';
import type { ListJobsResponse as _falconqueue_v1_ListJobsResponse, ListJobsResponse__Output as _falconqueue_v1_ListJobsResponse__Output } from './falconqueue/v1/ListJobsResponse';
import type { ListSchedulesRequest as _falconqueue_v1_ListSchedulesRequest, ListSchedulesRequest__Output as _falconqueue_v1_ListSchedulesRequest__Output } from './falconqueue/v1/ListSchedulesRequest';
import type { ListSchedulesResponse as _falconqueue_v1_ListSchedulesResponse, ListSchedulesResponse__Output as _falconqueue_v1_ListSchedulesResponse__Output } from './falconqueue/v1/ListSchedulesResponse';
import type { ListTokensRequest as _falconqueue_v1_ListTokensRequest, ListTokensRequest__Output as _falconqueue_v1_ListTokensRequest__Output } from './falconqueue/v1/ListTokensRequest';
import type { ListTokensResponse as _falconqueue_v1_ListTokensResponse, ListTokensResponse__Output as _falconqueue_v1_ListTokensResponse__Output } from './falconqueue/v1/ListTokensResponse';
import type { ListWorkersRequest as _falconqueue_v1_ListWorkersRequest, ListWorkersRequest__Output as _falconqueue_v1_ListWorkersRequest__Output } from './falconqueue/v1/ListWorkersRequest';
import type { ListWorkersResponse as _falconqueue_v1_ListWorkersResponse, ListWorkersResponse__Output as _falconqueue_v1_ListWorkersResponse__Output } from './falconqueue/v1/ListWorkersResponse';
import type { PauseQueueRequest as _falconqueue_v1_PauseQueueRequest, PauseQueueRequest__Output as _falconqueue_v1_PauseQueueRequest__Output } from './falconqueue/v1/PauseQueueRequest';
import type { PauseQueueResponse as _falconqueue_v1_PauseQueueResponse, PauseQueueResponse__Output as _falconqueue_v1_PauseQueueResponse__Output } from './falconqueue/v1/PauseQueueResponse';
import type { PauseScheduleRequest as _falconqueue_v1_PauseScheduleRequest, PauseScheduleRequest__Output as _falconqueue_v1_PauseScheduleRequest__Output } from './falconqueue/v1/PauseScheduleRequest';
import type { PauseScheduleResponse as _falconqueue_v1_PauseScheduleResponse, PauseScheduleResponse__Output as _falconqueue_v1_PauseScheduleResponse__Output } from './falconqueue/v1/PauseScheduleResponse';
import type { PollJobsRequest as _falconqueue_v1_PollJobsRequest, PollJobsRequest__Output as _falconqueue_v1_PollJobsRequest__Output } from './falconqueue/v1/PollJobsRequest';
import type { PollJobsResponse as _falconqueue_v1_PollJobsResponse, PollJobsResponse__Output as _falconqueue_v1_PollJobsResponse__Output } from './falconqueue/v1/PollJobsResponse';
import type { PromoteJobRequest as _falconqueue_v1_PromoteJobRequest, PromoteJobRequest__Output as _falconqueue_v1_PromoteJobRequest__Output } from './falconqueue/v1/PromoteJobRequest';
import type { PromoteJobResponse as _falconqueue_v1_PromoteJobResponse, PromoteJobResponse__Output as _falconqueue_v1_PromoteJobResponse__Output } from './falconqueue/v1/PromoteJobResponse';
import type { QueueLimits as _falconqueue_v1_QueueLimits, QueueLimits__Output as _falconqueue_v1_QueueLimits__Output } from './falconqueue/v1/QueueLimits';
import type { QueueRetention as _falconqueue_v1_QueueRetention, QueueRetention__Output as _falconqueue_v1_QueueRetention__Output } from './falconqueue/v1/QueueRetention';
import type { QueueStats as _falconqueue_v1_QueueStats, QueueStats__Output as _falconqueue_v1_QueueStats__Output } from './falconqueue/v1/QueueStats';
import type { RateBucket as _falconqueue_v1_RateBucket, RateBucket__Output as _falconqueue_v1_RateBucket__Output } from './falconqueue/v1/RateBucket';
import type { RegisterWorkerRequest as _falconqueue_v1_RegisterWorkerRequest, RegisterWorkerRequest__Output as _falconqueue_v1_RegisterWorkerRequest__Output } from './falconqueue/v1/RegisterWorkerRequest';
import type { RegisterWorkerResponse as _falconqueue_v1_RegisterWorkerResponse, RegisterWorkerResponse__Output as _falconqueue_v1_RegisterWorkerResponse__Output } from './falconqueue/v1/RegisterWorkerResponse';
import type { ReplicationClient as _falconqueue_v1_ReplicationClient, ReplicationDefinition as _falconqueue_v1_ReplicationDefinition } from './falconqueue/v1/Replication';
import type { ReplicationChunk as _falconqueue_v1_ReplicationChunk, ReplicationChunk__Output as _falconqueue_v1_ReplicationChunk__Output } from './falconqueue/v1/ReplicationChunk';
import type { ReportProgressRequest as _falconqueue_v1_ReportProgressRequest, ReportProgressRequest__Output as _falconqueue_v1_ReportProgressRequest__Output } from './falconqueue/v1/ReportProgressRequest';
import type { ReportProgressResponse as _falconqueue_v1_ReportProgressResponse, ReportProgressResponse__Output as _falconqueue_v1_ReportProgressResponse__Output } from './falconqueue/v1/ReportProgressResponse';
import type { ResumeQueueRequest as _falconqueue_v1_ResumeQueueRequest, ResumeQueueRequest__Output as _falconqueue_v1_ResumeQueueRequest__Output } from './falconqueue/v1/ResumeQueueRequest';
import type { ResumeQueueResponse as _falconqueue_v1_ResumeQueueResponse, ResumeQueueResponse__Output as _falconqueue_v1_ResumeQueueResponse__Output } from './falconqueue/v1/ResumeQueueResponse';
import type { ResumeScheduleRequest as _falconqueue_v1_ResumeScheduleRequest, ResumeScheduleRequest__Output as _falconqueue_v1_ResumeScheduleRequest__Output } from './falconqueue/v1/ResumeScheduleRequest';
import type { ResumeScheduleResponse as _falconqueue_v1_ResumeScheduleResponse, ResumeScheduleResponse__Output as _falconqueue_v1_ResumeScheduleResponse__Output } from './falconqueue/v1/ResumeScheduleResponse';
import type { RetryJobRequest as _falconqueue_v1_RetryJobRequest, RetryJobRequest__Output as _falconqueue_v1_RetryJobRequest__Output } from './falconqueue/v1/RetryJobRequest';
import type { RetryJobResponse as _falconqueue_v1_RetryJobResponse, RetryJobResponse__Output as _falconqueue_v1_RetryJobResponse__Output } from './falconqueue/v1/RetryJobResponse';
import type { RevokeTokenRequest as _falconqueue_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _falconqueue_v1_RevokeTokenRequest__Output } from './falconqueue/v1/RevokeTokenRequest';
import type { RevokeTokenResponse as _falconqueue_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _falconqueue_v1_RevokeTokenResponse__Output } from './falconqueue/v1/RevokeTokenResponse';
import type { Schedule as _falconqueue_v1_Schedule, Schedule__Output as _falconqueue_v1_Schedule__Output } from './falconqueue/v1/Schedule';
import type { SegmentDigest as _falconqueue_v1_SegmentDigest, SegmentDigest__Output as _falconqueue_v1_SegmentDigest__Output } from './falconqueue/v1/SegmentDigest';
import type { SetQueueLimitsRequest as _falconqueue_v1_SetQueueLimitsRequest, SetQueueLimitsRequest__Output as _falconqueue_v1_SetQueueLimitsRequest__Output } from './falconqueue/v1/SetQueueLimitsRequest';
import type { SetQueueLimitsResponse as _falconqueue_v1_SetQueueLimitsResponse, SetQueueLimitsResponse__Output as _falconqueue_v1_SetQueueLimitsResponse__Output } from './falconqueue/v1/SetQueueLimitsResponse';
import type { SetQueueRetentionRequest as _falconqueue_v1_SetQueueRetentionRequest, SetQueueRetentionRequest__Output as _falconqueue_v1_SetQueueRetentionRequest__Output } from './falconqueue/v1/SetQueueRetentionRequest';
import type { SetQueueRetentionResponse as _falconqueue_v1_SetQueueRetentionResponse, SetQueueRetentionResponse__Output as _falconqueue_v1_SetQueueRetentionResponse__Output } from './falconqueue/v1/SetQueueRetentionResponse';
import type { Snapshot as _falconqueue_v1_Snapshot, Snapshot__Output as _falconqueue_v1_Snapshot__Output } from './falconqueue/v1/Snapshot';
import type { SnapshotPart as _falconqueue_v1_SnapshotPart, SnapshotPart__Output as _falconqueue_v1_SnapshotPart__Output } from './falconqueue/v1/SnapshotPart';
import type { StepDownRequest as _falconqueue_v1_StepDownRequest, StepDownRequest__Output as _falconqueue_v1_StepDownRequest__Output } from './falconqueue/v1/StepDownRequest';
import type { StepDownResponse as _falconqueue_v1_StepDownResponse, StepDownResponse__Output as _falconqueue_v1_StepDownResponse__Output } from './falconqueue/v1/StepDownResponse';
import type { StoredBatch as _falconqueue_v1_StoredBatch, StoredBatch__Output as _falconqueue_v1_StoredBatch__Output } from './falconqueue/v1/StoredBatch';
import type { StoredToken as _falconqueue_v1_StoredToken, StoredToken__Output as _falconqueue_v1_StoredToken__Output } from './falconqueue/v1/StoredToken';
import type { SubmitFlowRequest as _falconqueue_v1_SubmitFlowRequest, SubmitFlowRequest__Output as _falconqueue_v1_SubmitFlowRequest__Output } from './falconqueue/v1/SubmitFlowRequest';
import type { SubmitFlowResponse as _falconqueue_v1_SubmitFlowResponse, SubmitFlowResponse__Output as _falconqueue_v1_SubmitFlowResponse__Output } from './falconqueue/v1/SubmitFlowResponse';
import type { SubmitJobRequest as _falconqueue_v1_SubmitJobRequest, SubmitJobRequest__Output as _falconqueue_v1_SubmitJobRequest__Output } from './falconqueue/v1/SubmitJobRequest';
import type { SubmitJobResponse as _falconqueue_v1_SubmitJobResponse, SubmitJobResponse__Output as _falconqueue_v1_SubmitJobResponse__Output } from './falconqueue/v1/SubmitJobResponse';
import type { SubmitJobsRequest as _falconqueue_v1_SubmitJobsRequest, SubmitJobsRequest__Output as _falconqueue_v1_SubmitJobsRequest__Output } from './falconqueue/v1/SubmitJobsRequest';
import type { SubmitJobsResponse as _falconqueue_v1_SubmitJobsResponse, SubmitJobsResponse__Output as _falconqueue_v1_SubmitJobsResponse__Output } from './falconqueue/v1/SubmitJobsResponse';
import type { TokenInfo as _falconqueue_v1_TokenInfo, TokenInfo__Output as _falconqueue_v1_TokenInfo__Output } from './falconqueue/v1/TokenInfo';
import type { TriggerScheduleRequest as _falconqueue_v1_TriggerScheduleRequest, TriggerScheduleRequest__Output as _falconqueue_v1_TriggerScheduleRequest__Output } from './falconqueue/v1/TriggerScheduleRequest';
import type { TriggerScheduleResponse as _falconqueue_v1_TriggerScheduleResponse, TriggerScheduleResponse__Output as _falconqueue_v1_TriggerScheduleResponse__Output } from './falconqueue/v1/TriggerScheduleResponse';
import type { WalAttemptFailed as _falconqueue_v1_WalAttemptFailed, WalAttemptFailed__Output as _falconqueue_v1_WalAttemptFailed__Output } from './falconqueue/v1/WalAttemptFailed';
import type { WalBatchClosed as _falconqueue_v1_WalBatchClosed, WalBatchClosed__Output as _falconqueue_v1_WalBatchClosed__Output } from './falconqueue/v1/WalBatchClosed';
import type { WalBatchFired as _falconqueue_v1_WalBatchFired, WalBatchFired__Output as _falconqueue_v1_WalBatchFired__Output } from './falconqueue/v1/WalBatchFired';
import type { WalCancelled as _falconqueue_v1_WalCancelled, WalCancelled__Output as _falconqueue_v1_WalCancelled__Output } from './falconqueue/v1/WalCancelled';
import type { WalCompleted as _falconqueue_v1_WalCompleted, WalCompleted__Output as _falconqueue_v1_WalCompleted__Output } from './falconqueue/v1/WalCompleted';
import type { WalDebounced as _falconqueue_v1_WalDebounced, WalDebounced__Output as _falconqueue_v1_WalDebounced__Output } from './falconqueue/v1/WalDebounced';
import type { WalDeleted as _falconqueue_v1_WalDeleted, WalDeleted__Output as _falconqueue_v1_WalDeleted__Output } from './falconqueue/v1/WalDeleted';
import type { WalExtended as _falconqueue_v1_WalExtended, WalExtended__Output as _falconqueue_v1_WalExtended__Output } from './falconqueue/v1/WalExtended';
import type { WalFlowSubmitted as _falconqueue_v1_WalFlowSubmitted, WalFlowSubmitted__Output as _falconqueue_v1_WalFlowSubmitted__Output } from './falconqueue/v1/WalFlowSubmitted';
import type { WalJobPromoted as _falconqueue_v1_WalJobPromoted, WalJobPromoted__Output as _falconqueue_v1_WalJobPromoted__Output } from './falconqueue/v1/WalJobPromoted';
import type { WalLeased as _falconqueue_v1_WalLeased, WalLeased__Output as _falconqueue_v1_WalLeased__Output } from './falconqueue/v1/WalLeased';
import type { WalProgress as _falconqueue_v1_WalProgress, WalProgress__Output as _falconqueue_v1_WalProgress__Output } from './falconqueue/v1/WalProgress';
import type { WalPromoted as _falconqueue_v1_WalPromoted, WalPromoted__Output as _falconqueue_v1_WalPromoted__Output } from './falconqueue/v1/WalPromoted';
import type { WalQueuePaused as _falconqueue_v1_WalQueuePaused, WalQueuePaused__Output as _falconqueue_v1_WalQueuePaused__Output } from './falconqueue/v1/WalQueuePaused';
import type { WalRecord as _falconqueue_v1_WalRecord, WalRecord__Output as _falconqueue_v1_WalRecord__Output } from './falconqueue/v1/WalRecord';
import type { WalRemoved as _falconqueue_v1_WalRemoved, WalRemoved__Output as _falconqueue_v1_WalRemoved__Output } from './falconqueue/v1/WalRemoved';
import type { WalRetried as _falconqueue_v1_WalRetried, WalRetried__Output as _falconqueue_v1_WalRetried__Output } from './falconqueue/v1/WalRetried';
import type { WalReturned as _falconqueue_v1_WalReturned, WalReturned__Output as _falconqueue_v1_WalReturned__Output } from './falconqueue/v1/WalReturned';
import type { WalScheduleDeleted as _falconqueue_v1_WalScheduleDeleted, WalScheduleDeleted__Output as _falconqueue_v1_WalScheduleDeleted__Output } from './falconqueue/v1/WalScheduleDeleted';
import type { WalScheduleFired as _falconqueue_v1_WalScheduleFired, WalScheduleFired__Output as _falconqueue_v1_WalScheduleFired__Output } from './falconqueue/v1/WalScheduleFired';
import type { WalSchedulePaused as _falconqueue_v1_WalSchedulePaused, WalSchedulePaused__Output as _falconqueue_v1_WalSchedulePaused__Output } from './falconqueue/v1/WalSchedulePaused';
import type { WalScheduleSet as _falconqueue_v1_WalScheduleSet, WalScheduleSet__Output as _falconqueue_v1_WalScheduleSet__Output } from './falconqueue/v1/WalScheduleSet';
import type { WalScheduleSkipped as _falconqueue_v1_WalScheduleSkipped, WalScheduleSkipped__Output as _falconqueue_v1_WalScheduleSkipped__Output } from './falconqueue/v1/WalScheduleSkipped';
import type { WalSubmitted as _falconqueue_v1_WalSubmitted, WalSubmitted__Output as _falconqueue_v1_WalSubmitted__Output } from './falconqueue/v1/WalSubmitted';
import type { WalTokenRevoked as _falconqueue_v1_WalTokenRevoked, WalTokenRevoked__Output as _falconqueue_v1_WalTokenRevoked__Output } from './falconqueue/v1/WalTokenRevoked';
import type { WalTokensUsed as _falconqueue_v1_WalTokensUsed, WalTokensUsed__Output as _falconqueue_v1_WalTokensUsed__Output } from './falconqueue/v1/WalTokensUsed';
import type { WatchJobsRequest as _falconqueue_v1_WatchJobsRequest, WatchJobsRequest__Output as _falconqueue_v1_WatchJobsRequest__Output } from './falconqueue/v1/WatchJobsRequest';
import type { WhoAmIRequest as _falconqueue_v1_WhoAmIRequest, WhoAmIRequest__Output as _falconqueue_v1_WhoAmIRequest__Output } from './falconqueue/v1/WhoAmIRequest';
import type { WhoAmIResponse as _falconqueue_v1_WhoAmIResponse, WhoAmIResponse__Output as _falconqueue_v1_WhoAmIResponse__Output } from './falconqueue/v1/WhoAmIResponse';
import type { WorkerCommand as _falconqueue_v1_WorkerCommand, WorkerCommand__Output as _falconqueue_v1_WorkerCommand__Output } from './falconqueue/v1/WorkerCommand';
import type { WorkerInfo as _falconqueue_v1_WorkerInfo, WorkerInfo__Output as _falconqueue_v1_WorkerInfo__Output } from './falconqueue/v1/WorkerInfo';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  falconqueue: {
    v1: {
      AckOutcome: MessageTypeDefinition<_falconqueue_v1_AckOutcome, _falconqueue_v1_AckOutcome__Output>
      AckPosition: MessageTypeDefinition<_falconqueue_v1_AckPosition, _falconqueue_v1_AckPosition__Output>
      AckResponse: MessageTypeDefinition<_falconqueue_v1_AckResponse, _falconqueue_v1_AckResponse__Output>
      AcknowledgeJobRequest: MessageTypeDefinition<_falconqueue_v1_AcknowledgeJobRequest, _falconqueue_v1_AcknowledgeJobRequest__Output>
      AcknowledgeJobResponse: MessageTypeDefinition<_falconqueue_v1_AcknowledgeJobResponse, _falconqueue_v1_AcknowledgeJobResponse__Output>
      AcknowledgeJobsRequest: MessageTypeDefinition<_falconqueue_v1_AcknowledgeJobsRequest, _falconqueue_v1_AcknowledgeJobsRequest__Output>
      AcknowledgeJobsResponse: MessageTypeDefinition<_falconqueue_v1_AcknowledgeJobsResponse, _falconqueue_v1_AcknowledgeJobsResponse__Output>
      BatchInfo: MessageTypeDefinition<_falconqueue_v1_BatchInfo, _falconqueue_v1_BatchInfo__Output>
      CancelJobRequest: MessageTypeDefinition<_falconqueue_v1_CancelJobRequest, _falconqueue_v1_CancelJobRequest__Output>
      CancelJobResponse: MessageTypeDefinition<_falconqueue_v1_CancelJobResponse, _falconqueue_v1_CancelJobResponse__Output>
      CloseBatchRequest: MessageTypeDefinition<_falconqueue_v1_CloseBatchRequest, _falconqueue_v1_CloseBatchRequest__Output>
      CloseBatchResponse: MessageTypeDefinition<_falconqueue_v1_CloseBatchResponse, _falconqueue_v1_CloseBatchResponse__Output>
      /**
       * Cluster mode (docs/ha.md, "Cluster mode"): served by the leader; a standby
       * answers UNAVAILABLE with trailing metadata `falconq-leader: host:port`.
       * Both need role admin on every queue.
       */
      Cluster: SubtypeConstructor<typeof grpc.Client, _falconqueue_v1_ClusterClient> & { service: _falconqueue_v1_ClusterDefinition }
      ClusterMember: MessageTypeDefinition<_falconqueue_v1_ClusterMember, _falconqueue_v1_ClusterMember__Output>
      CommandWorkerRequest: MessageTypeDefinition<_falconqueue_v1_CommandWorkerRequest, _falconqueue_v1_CommandWorkerRequest__Output>
      CommandWorkerResponse: MessageTypeDefinition<_falconqueue_v1_CommandWorkerResponse, _falconqueue_v1_CommandWorkerResponse__Output>
      CreateBatchRequest: MessageTypeDefinition<_falconqueue_v1_CreateBatchRequest, _falconqueue_v1_CreateBatchRequest__Output>
      CreateBatchResponse: MessageTypeDefinition<_falconqueue_v1_CreateBatchResponse, _falconqueue_v1_CreateBatchResponse__Output>
      CreateScheduleRequest: MessageTypeDefinition<_falconqueue_v1_CreateScheduleRequest, _falconqueue_v1_CreateScheduleRequest__Output>
      CreateScheduleResponse: MessageTypeDefinition<_falconqueue_v1_CreateScheduleResponse, _falconqueue_v1_CreateScheduleResponse__Output>
      CreateTokenRequest: MessageTypeDefinition<_falconqueue_v1_CreateTokenRequest, _falconqueue_v1_CreateTokenRequest__Output>
      CreateTokenResponse: MessageTypeDefinition<_falconqueue_v1_CreateTokenResponse, _falconqueue_v1_CreateTokenResponse__Output>
      DebounceMode: EnumTypeDefinition
      DeleteJobRequest: MessageTypeDefinition<_falconqueue_v1_DeleteJobRequest, _falconqueue_v1_DeleteJobRequest__Output>
      DeleteJobResponse: MessageTypeDefinition<_falconqueue_v1_DeleteJobResponse, _falconqueue_v1_DeleteJobResponse__Output>
      DeleteScheduleRequest: MessageTypeDefinition<_falconqueue_v1_DeleteScheduleRequest, _falconqueue_v1_DeleteScheduleRequest__Output>
      DeleteScheduleResponse: MessageTypeDefinition<_falconqueue_v1_DeleteScheduleResponse, _falconqueue_v1_DeleteScheduleResponse__Output>
      DependencyPolicy: EnumTypeDefinition
      DependencyResult: MessageTypeDefinition<_falconqueue_v1_DependencyResult, _falconqueue_v1_DependencyResult__Output>
      DeregisterWorkerRequest: MessageTypeDefinition<_falconqueue_v1_DeregisterWorkerRequest, _falconqueue_v1_DeregisterWorkerRequest__Output>
      DeregisterWorkerResponse: MessageTypeDefinition<_falconqueue_v1_DeregisterWorkerResponse, _falconqueue_v1_DeregisterWorkerResponse__Output>
      FalconQueueService: SubtypeConstructor<typeof grpc.Client, _falconqueue_v1_FalconQueueServiceClient> & { service: _falconqueue_v1_FalconQueueServiceDefinition }
      FlowNode: MessageTypeDefinition<_falconqueue_v1_FlowNode, _falconqueue_v1_FlowNode__Output>
      FollowRequest: MessageTypeDefinition<_falconqueue_v1_FollowRequest, _falconqueue_v1_FollowRequest__Output>
      GetBatchRequest: MessageTypeDefinition<_falconqueue_v1_GetBatchRequest, _falconqueue_v1_GetBatchRequest__Output>
      GetBatchResponse: MessageTypeDefinition<_falconqueue_v1_GetBatchResponse, _falconqueue_v1_GetBatchResponse__Output>
      GetClusterStatusRequest: MessageTypeDefinition<_falconqueue_v1_GetClusterStatusRequest, _falconqueue_v1_GetClusterStatusRequest__Output>
      GetClusterStatusResponse: MessageTypeDefinition<_falconqueue_v1_GetClusterStatusResponse, _falconqueue_v1_GetClusterStatusResponse__Output>
      GetDependenciesRequest: MessageTypeDefinition<_falconqueue_v1_GetDependenciesRequest, _falconqueue_v1_GetDependenciesRequest__Output>
      GetDependenciesResponse: MessageTypeDefinition<_falconqueue_v1_GetDependenciesResponse, _falconqueue_v1_GetDependenciesResponse__Output>
      GetJobRequest: MessageTypeDefinition<_falconqueue_v1_GetJobRequest, _falconqueue_v1_GetJobRequest__Output>
      GetJobResponse: MessageTypeDefinition<_falconqueue_v1_GetJobResponse, _falconqueue_v1_GetJobResponse__Output>
      GetQueueLimitsRequest: MessageTypeDefinition<_falconqueue_v1_GetQueueLimitsRequest, _falconqueue_v1_GetQueueLimitsRequest__Output>
      GetQueueLimitsResponse: MessageTypeDefinition<_falconqueue_v1_GetQueueLimitsResponse, _falconqueue_v1_GetQueueLimitsResponse__Output>
      GetScheduleRequest: MessageTypeDefinition<_falconqueue_v1_GetScheduleRequest, _falconqueue_v1_GetScheduleRequest__Output>
      GetScheduleResponse: MessageTypeDefinition<_falconqueue_v1_GetScheduleResponse, _falconqueue_v1_GetScheduleResponse__Output>
      GetStatsRequest: MessageTypeDefinition<_falconqueue_v1_GetStatsRequest, _falconqueue_v1_GetStatsRequest__Output>
      GetStatsResponse: MessageTypeDefinition<_falconqueue_v1_GetStatsResponse, _falconqueue_v1_GetStatsResponse__Output>
      Grant: MessageTypeDefinition<_falconqueue_v1_Grant, _falconqueue_v1_Grant__Output>
      GroupFlow: MessageTypeDefinition<_falconqueue_v1_GroupFlow, _falconqueue_v1_GroupFlow__Output>
      GroupPaused: MessageTypeDefinition<_falconqueue_v1_GroupPaused, _falconqueue_v1_GroupPaused__Output>
      HeartbeatRequest: MessageTypeDefinition<_falconqueue_v1_HeartbeatRequest, _falconqueue_v1_HeartbeatRequest__Output>
      HeartbeatResponse: MessageTypeDefinition<_falconqueue_v1_HeartbeatResponse, _falconqueue_v1_HeartbeatResponse__Output>
      Job: MessageTypeDefinition<_falconqueue_v1_Job, _falconqueue_v1_Job__Output>
      JobEvent: MessageTypeDefinition<_falconqueue_v1_JobEvent, _falconqueue_v1_JobEvent__Output>
      JobOptions: MessageTypeDefinition<_falconqueue_v1_JobOptions, _falconqueue_v1_JobOptions__Output>
      JobSpec: MessageTypeDefinition<_falconqueue_v1_JobSpec, _falconqueue_v1_JobSpec__Output>
      JobState: EnumTypeDefinition
      LeasedJob: MessageTypeDefinition<_falconqueue_v1_LeasedJob, _falconqueue_v1_LeasedJob__Output>
      ListJobsRequest: MessageTypeDefinition<_falconqueue_v1_ListJobsRequest, _falconqueue_v1_ListJobsRequest__Output>
      ListJobsResponse: MessageTypeDefinition<_falconqueue_v1_ListJobsResponse, _falconqueue_v1_ListJobsResponse__Output>
      ListOrder: EnumTypeDefinition
      ListSchedulesRequest: MessageTypeDefinition<_falconqueue_v1_ListSchedulesRequest, _falconqueue_v1_ListSchedulesRequest__Output>
      ListSchedulesResponse: MessageTypeDefinition<_falconqueue_v1_ListSchedulesResponse, _falconqueue_v1_ListSchedulesResponse__Output>
      ListTokensRequest: MessageTypeDefinition<_falconqueue_v1_ListTokensRequest, _falconqueue_v1_ListTokensRequest__Output>
      ListTokensResponse: MessageTypeDefinition<_falconqueue_v1_ListTokensResponse, _falconqueue_v1_ListTokensResponse__Output>
      ListWorkersRequest: MessageTypeDefinition<_falconqueue_v1_ListWorkersRequest, _falconqueue_v1_ListWorkersRequest__Output>
      ListWorkersResponse: MessageTypeDefinition<_falconqueue_v1_ListWorkersResponse, _falconqueue_v1_ListWorkersResponse__Output>
      PauseQueueRequest: MessageTypeDefinition<_falconqueue_v1_PauseQueueRequest, _falconqueue_v1_PauseQueueRequest__Output>
      PauseQueueResponse: MessageTypeDefinition<_falconqueue_v1_PauseQueueResponse, _falconqueue_v1_PauseQueueResponse__Output>
      PauseScheduleRequest: MessageTypeDefinition<_falconqueue_v1_PauseScheduleRequest, _falconqueue_v1_PauseScheduleRequest__Output>
      PauseScheduleResponse: MessageTypeDefinition<_falconqueue_v1_PauseScheduleResponse, _falconqueue_v1_PauseScheduleResponse__Output>
      PollJobsRequest: MessageTypeDefinition<_falconqueue_v1_PollJobsRequest, _falconqueue_v1_PollJobsRequest__Output>
      PollJobsResponse: MessageTypeDefinition<_falconqueue_v1_PollJobsResponse, _falconqueue_v1_PollJobsResponse__Output>
      PromoteJobRequest: MessageTypeDefinition<_falconqueue_v1_PromoteJobRequest, _falconqueue_v1_PromoteJobRequest__Output>
      PromoteJobResponse: MessageTypeDefinition<_falconqueue_v1_PromoteJobResponse, _falconqueue_v1_PromoteJobResponse__Output>
      QueueLimits: MessageTypeDefinition<_falconqueue_v1_QueueLimits, _falconqueue_v1_QueueLimits__Output>
      QueueRetention: MessageTypeDefinition<_falconqueue_v1_QueueRetention, _falconqueue_v1_QueueRetention__Output>
      QueueStats: MessageTypeDefinition<_falconqueue_v1_QueueStats, _falconqueue_v1_QueueStats__Output>
      RateBucket: MessageTypeDefinition<_falconqueue_v1_RateBucket, _falconqueue_v1_RateBucket__Output>
      RegisterWorkerRequest: MessageTypeDefinition<_falconqueue_v1_RegisterWorkerRequest, _falconqueue_v1_RegisterWorkerRequest__Output>
      RegisterWorkerResponse: MessageTypeDefinition<_falconqueue_v1_RegisterWorkerResponse, _falconqueue_v1_RegisterWorkerResponse__Output>
      /**
       * WAL replication between masters (docs/ha.md, "Replication"). A standby
       * calls Follow on the leader with the end of its own log; the leader streams
       * WAL bytes (whole frames) from there, or first a snapshot file when it no
       * longer holds that position. The standby writes and fdatasyncs them at the
       * same segment and offset, then acknowledges with Ack. Both need role admin.
       */
      Replication: SubtypeConstructor<typeof grpc.Client, _falconqueue_v1_ReplicationClient> & { service: _falconqueue_v1_ReplicationDefinition }
      ReplicationChunk: MessageTypeDefinition<_falconqueue_v1_ReplicationChunk, _falconqueue_v1_ReplicationChunk__Output>
      ReportProgressRequest: MessageTypeDefinition<_falconqueue_v1_ReportProgressRequest, _falconqueue_v1_ReportProgressRequest__Output>
      ReportProgressResponse: MessageTypeDefinition<_falconqueue_v1_ReportProgressResponse, _falconqueue_v1_ReportProgressResponse__Output>
      ResumeQueueRequest: MessageTypeDefinition<_falconqueue_v1_ResumeQueueRequest, _falconqueue_v1_ResumeQueueRequest__Output>
      ResumeQueueResponse: MessageTypeDefinition<_falconqueue_v1_ResumeQueueResponse, _falconqueue_v1_ResumeQueueResponse__Output>
      ResumeScheduleRequest: MessageTypeDefinition<_falconqueue_v1_ResumeScheduleRequest, _falconqueue_v1_ResumeScheduleRequest__Output>
      ResumeScheduleResponse: MessageTypeDefinition<_falconqueue_v1_ResumeScheduleResponse, _falconqueue_v1_ResumeScheduleResponse__Output>
      RetryJobRequest: MessageTypeDefinition<_falconqueue_v1_RetryJobRequest, _falconqueue_v1_RetryJobRequest__Output>
      RetryJobResponse: MessageTypeDefinition<_falconqueue_v1_RetryJobResponse, _falconqueue_v1_RetryJobResponse__Output>
      RevokeTokenRequest: MessageTypeDefinition<_falconqueue_v1_RevokeTokenRequest, _falconqueue_v1_RevokeTokenRequest__Output>
      RevokeTokenResponse: MessageTypeDefinition<_falconqueue_v1_RevokeTokenResponse, _falconqueue_v1_RevokeTokenResponse__Output>
      Schedule: MessageTypeDefinition<_falconqueue_v1_Schedule, _falconqueue_v1_Schedule__Output>
      ScheduleMissed: EnumTypeDefinition
      ScheduleSkip: EnumTypeDefinition
      SegmentDigest: MessageTypeDefinition<_falconqueue_v1_SegmentDigest, _falconqueue_v1_SegmentDigest__Output>
      SetQueueLimitsRequest: MessageTypeDefinition<_falconqueue_v1_SetQueueLimitsRequest, _falconqueue_v1_SetQueueLimitsRequest__Output>
      SetQueueLimitsResponse: MessageTypeDefinition<_falconqueue_v1_SetQueueLimitsResponse, _falconqueue_v1_SetQueueLimitsResponse__Output>
      SetQueueRetentionRequest: MessageTypeDefinition<_falconqueue_v1_SetQueueRetentionRequest, _falconqueue_v1_SetQueueRetentionRequest__Output>
      SetQueueRetentionResponse: MessageTypeDefinition<_falconqueue_v1_SetQueueRetentionResponse, _falconqueue_v1_SetQueueRetentionResponse__Output>
      Snapshot: MessageTypeDefinition<_falconqueue_v1_Snapshot, _falconqueue_v1_Snapshot__Output>
      SnapshotPart: MessageTypeDefinition<_falconqueue_v1_SnapshotPart, _falconqueue_v1_SnapshotPart__Output>
      StepDownRequest: MessageTypeDefinition<_falconqueue_v1_StepDownRequest, _falconqueue_v1_StepDownRequest__Output>
      StepDownResponse: MessageTypeDefinition<_falconqueue_v1_StepDownResponse, _falconqueue_v1_StepDownResponse__Output>
      StoredBatch: MessageTypeDefinition<_falconqueue_v1_StoredBatch, _falconqueue_v1_StoredBatch__Output>
      StoredToken: MessageTypeDefinition<_falconqueue_v1_StoredToken, _falconqueue_v1_StoredToken__Output>
      SubmitFlowRequest: MessageTypeDefinition<_falconqueue_v1_SubmitFlowRequest, _falconqueue_v1_SubmitFlowRequest__Output>
      SubmitFlowResponse: MessageTypeDefinition<_falconqueue_v1_SubmitFlowResponse, _falconqueue_v1_SubmitFlowResponse__Output>
      SubmitJobRequest: MessageTypeDefinition<_falconqueue_v1_SubmitJobRequest, _falconqueue_v1_SubmitJobRequest__Output>
      SubmitJobResponse: MessageTypeDefinition<_falconqueue_v1_SubmitJobResponse, _falconqueue_v1_SubmitJobResponse__Output>
      SubmitJobsRequest: MessageTypeDefinition<_falconqueue_v1_SubmitJobsRequest, _falconqueue_v1_SubmitJobsRequest__Output>
      SubmitJobsResponse: MessageTypeDefinition<_falconqueue_v1_SubmitJobsResponse, _falconqueue_v1_SubmitJobsResponse__Output>
      TokenInfo: MessageTypeDefinition<_falconqueue_v1_TokenInfo, _falconqueue_v1_TokenInfo__Output>
      TriggerScheduleRequest: MessageTypeDefinition<_falconqueue_v1_TriggerScheduleRequest, _falconqueue_v1_TriggerScheduleRequest__Output>
      TriggerScheduleResponse: MessageTypeDefinition<_falconqueue_v1_TriggerScheduleResponse, _falconqueue_v1_TriggerScheduleResponse__Output>
      UniqueConflict: EnumTypeDefinition
      UniqueScope: EnumTypeDefinition
      WalAttemptFailed: MessageTypeDefinition<_falconqueue_v1_WalAttemptFailed, _falconqueue_v1_WalAttemptFailed__Output>
      WalBatchClosed: MessageTypeDefinition<_falconqueue_v1_WalBatchClosed, _falconqueue_v1_WalBatchClosed__Output>
      WalBatchFired: MessageTypeDefinition<_falconqueue_v1_WalBatchFired, _falconqueue_v1_WalBatchFired__Output>
      WalCancelled: MessageTypeDefinition<_falconqueue_v1_WalCancelled, _falconqueue_v1_WalCancelled__Output>
      WalCompleted: MessageTypeDefinition<_falconqueue_v1_WalCompleted, _falconqueue_v1_WalCompleted__Output>
      WalDebounced: MessageTypeDefinition<_falconqueue_v1_WalDebounced, _falconqueue_v1_WalDebounced__Output>
      WalDeleted: MessageTypeDefinition<_falconqueue_v1_WalDeleted, _falconqueue_v1_WalDeleted__Output>
      WalExtended: MessageTypeDefinition<_falconqueue_v1_WalExtended, _falconqueue_v1_WalExtended__Output>
      WalFlowSubmitted: MessageTypeDefinition<_falconqueue_v1_WalFlowSubmitted, _falconqueue_v1_WalFlowSubmitted__Output>
      WalJobPromoted: MessageTypeDefinition<_falconqueue_v1_WalJobPromoted, _falconqueue_v1_WalJobPromoted__Output>
      WalLeased: MessageTypeDefinition<_falconqueue_v1_WalLeased, _falconqueue_v1_WalLeased__Output>
      WalProgress: MessageTypeDefinition<_falconqueue_v1_WalProgress, _falconqueue_v1_WalProgress__Output>
      WalPromoted: MessageTypeDefinition<_falconqueue_v1_WalPromoted, _falconqueue_v1_WalPromoted__Output>
      WalQueuePaused: MessageTypeDefinition<_falconqueue_v1_WalQueuePaused, _falconqueue_v1_WalQueuePaused__Output>
      WalRecord: MessageTypeDefinition<_falconqueue_v1_WalRecord, _falconqueue_v1_WalRecord__Output>
      WalRemoved: MessageTypeDefinition<_falconqueue_v1_WalRemoved, _falconqueue_v1_WalRemoved__Output>
      WalRetried: MessageTypeDefinition<_falconqueue_v1_WalRetried, _falconqueue_v1_WalRetried__Output>
      WalReturned: MessageTypeDefinition<_falconqueue_v1_WalReturned, _falconqueue_v1_WalReturned__Output>
      WalScheduleDeleted: MessageTypeDefinition<_falconqueue_v1_WalScheduleDeleted, _falconqueue_v1_WalScheduleDeleted__Output>
      WalScheduleFired: MessageTypeDefinition<_falconqueue_v1_WalScheduleFired, _falconqueue_v1_WalScheduleFired__Output>
      WalSchedulePaused: MessageTypeDefinition<_falconqueue_v1_WalSchedulePaused, _falconqueue_v1_WalSchedulePaused__Output>
      WalScheduleSet: MessageTypeDefinition<_falconqueue_v1_WalScheduleSet, _falconqueue_v1_WalScheduleSet__Output>
      WalScheduleSkipped: MessageTypeDefinition<_falconqueue_v1_WalScheduleSkipped, _falconqueue_v1_WalScheduleSkipped__Output>
      WalSubmitted: MessageTypeDefinition<_falconqueue_v1_WalSubmitted, _falconqueue_v1_WalSubmitted__Output>
      WalTokenRevoked: MessageTypeDefinition<_falconqueue_v1_WalTokenRevoked, _falconqueue_v1_WalTokenRevoked__Output>
      WalTokensUsed: MessageTypeDefinition<_falconqueue_v1_WalTokensUsed, _falconqueue_v1_WalTokensUsed__Output>
      WatchJobsRequest: MessageTypeDefinition<_falconqueue_v1_WatchJobsRequest, _falconqueue_v1_WatchJobsRequest__Output>
      WhoAmIRequest: MessageTypeDefinition<_falconqueue_v1_WhoAmIRequest, _falconqueue_v1_WhoAmIRequest__Output>
      WhoAmIResponse: MessageTypeDefinition<_falconqueue_v1_WhoAmIResponse, _falconqueue_v1_WhoAmIResponse__Output>
      WorkerCommand: MessageTypeDefinition<_falconqueue_v1_WorkerCommand, _falconqueue_v1_WorkerCommand__Output>
      WorkerInfo: MessageTypeDefinition<_falconqueue_v1_WorkerInfo, _falconqueue_v1_WorkerInfo__Output>
    }
  }
}


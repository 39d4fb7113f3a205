// Original file: proto/falconqueue/v1/service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AcknowledgeJobRequest as _falconqueue_v1_AcknowledgeJobRequest, AcknowledgeJobRequest__Output as _falconqueue_v1_AcknowledgeJobRequest__Output } from '../../falconqueue/v1/AcknowledgeJobRequest';
import type { AcknowledgeJobResponse as _falconqueue_v1_AcknowledgeJobResponse, AcknowledgeJobResponse__Output as _falconqueue_v1_AcknowledgeJobResponse__Output } from '../../falconqueue/v1/AcknowledgeJobResponse';
import type { AcknowledgeJobsRequest as _falconqueue_v1_AcknowledgeJobsRequest, AcknowledgeJobsRequest__Output as _falconqueue_v1_AcknowledgeJobsRequest__Output } from '../../falconqueue/v1/AcknowledgeJobsRequest';
import type { AcknowledgeJobsResponse as _falconqueue_v1_AcknowledgeJobsResponse, AcknowledgeJobsResponse__Output as _falconqueue_v1_AcknowledgeJobsResponse__Output } from '../../falconqueue/v1/AcknowledgeJobsResponse';
import type { CancelJobRequest as _falconqueue_v1_CancelJobRequest, CancelJobRequest__Output as _falconqueue_v1_CancelJobRequest__Output } from '../../falconqueue/v1/CancelJobRequest';
import type { CancelJobResponse as _falconqueue_v1_CancelJobResponse, CancelJobResponse__Output as _falconqueue_v1_CancelJobResponse__Output } from '../../falconqueue/v1/CancelJobResponse';
import type { CloseBatchRequest as _falconqueue_v1_CloseBatchRequest, CloseBatchRequest__Output as _falconqueue_v1_CloseBatchRequest__Output } from '../../falconqueue/v1/CloseBatchRequest';
import type { CloseBatchResponse as _falconqueue_v1_CloseBatchResponse, CloseBatchResponse__Output as _falconqueue_v1_CloseBatchResponse__Output } from '../../falconqueue/v1/CloseBatchResponse';
import type { CommandWorkerRequest as _falconqueue_v1_CommandWorkerRequest, CommandWorkerRequest__Output as _falconqueue_v1_CommandWorkerRequest__Output } from '../../falconqueue/v1/CommandWorkerRequest';
import type { CommandWorkerResponse as _falconqueue_v1_CommandWorkerResponse, CommandWorkerResponse__Output as _falconqueue_v1_CommandWorkerResponse__Output } from '../../falconqueue/v1/CommandWorkerResponse';
import type { CreateBatchRequest as _falconqueue_v1_CreateBatchRequest, CreateBatchRequest__Output as _falconqueue_v1_CreateBatchRequest__Output } from '../../falconqueue/v1/CreateBatchRequest';
import type { CreateBatchResponse as _falconqueue_v1_CreateBatchResponse, CreateBatchResponse__Output as _falconqueue_v1_CreateBatchResponse__Output } from '../../falconqueue/v1/CreateBatchResponse';
import type { CreateScheduleRequest as _falconqueue_v1_CreateScheduleRequest, CreateScheduleRequest__Output as _falconqueue_v1_CreateScheduleRequest__Output } from '../../falconqueue/v1/CreateScheduleRequest';
import type { CreateScheduleResponse as _falconqueue_v1_CreateScheduleResponse, CreateScheduleResponse__Output as _falconqueue_v1_CreateScheduleResponse__Output } from '../../falconqueue/v1/CreateScheduleResponse';
import type { CreateTokenRequest as _falconqueue_v1_CreateTokenRequest, CreateTokenRequest__Output as _falconqueue_v1_CreateTokenRequest__Output } from '../../falconqueue/v1/CreateTokenRequest';
import type { CreateTokenResponse as _falconqueue_v1_CreateTokenResponse, CreateTokenResponse__Output as _falconqueue_v1_CreateTokenResponse__Output } from '../../falconqueue/v1/CreateTokenResponse';
import type { DeleteJobRequest as _falconqueue_v1_DeleteJobRequest, DeleteJobRequest__Output as _falconqueue_v1_DeleteJobRequest__Output } from '../../falconqueue/v1/DeleteJobRequest';
import type { DeleteJobResponse as _falconqueue_v1_DeleteJobResponse, DeleteJobResponse__Output as _falconqueue_v1_DeleteJobResponse__Output } from '../../falconqueue/v1/DeleteJobResponse';
import type { DeleteScheduleRequest as _falconqueue_v1_DeleteScheduleRequest, DeleteScheduleRequest__Output as _falconqueue_v1_DeleteScheduleRequest__Output } from '../../falconqueue/v1/DeleteScheduleRequest';
import type { DeleteScheduleResponse as _falconqueue_v1_DeleteScheduleResponse, DeleteScheduleResponse__Output as _falconqueue_v1_DeleteScheduleResponse__Output } from '../../falconqueue/v1/DeleteScheduleResponse';
import type { DeregisterWorkerRequest as _falconqueue_v1_DeregisterWorkerRequest, DeregisterWorkerRequest__Output as _falconqueue_v1_DeregisterWorkerRequest__Output } from '../../falconqueue/v1/DeregisterWorkerRequest';
import type { DeregisterWorkerResponse as _falconqueue_v1_DeregisterWorkerResponse, DeregisterWorkerResponse__Output as _falconqueue_v1_DeregisterWorkerResponse__Output } from '../../falconqueue/v1/DeregisterWorkerResponse';
import type { GetBatchRequest as _falconqueue_v1_GetBatchRequest, GetBatchRequest__Output as _falconqueue_v1_GetBatchRequest__Output } from '../../falconqueue/v1/GetBatchRequest';
import type { GetBatchResponse as _falconqueue_v1_GetBatchResponse, GetBatchResponse__Output as _falconqueue_v1_GetBatchResponse__Output } from '../../falconqueue/v1/GetBatchResponse';
import type { GetDependenciesRequest as _falconqueue_v1_GetDependenciesRequest, GetDependenciesRequest__Output as _falconqueue_v1_GetDependenciesRequest__Output } from '../../falconqueue/v1/GetDependenciesRequest';
import type { GetDependenciesResponse as _falconqueue_v1_GetDependenciesResponse, GetDependenciesResponse__Output as _falconqueue_v1_GetDependenciesResponse__Output } from '../../falconqueue/v1/GetDependenciesResponse';
import type { GetJobRequest as _falconqueue_v1_GetJobRequest, GetJobRequest__Output as _falconqueue_v1_GetJobRequest__Output } from '../../falconqueue/v1/GetJobRequest';
import type { GetJobResponse as _falconqueue_v1_GetJobResponse, GetJobResponse__Output as _falconqueue_v1_GetJobResponse__Output } from '../../falconqueue/v1/GetJobResponse';
import type { GetQueueLimitsRequest as _falconqueue_v1_GetQueueLimitsRequest, GetQueueLimitsRequest__Output as _falconqueue_v1_GetQueueLimitsRequest__Output } from '../../falconqueue/v1/GetQueueLimitsRequest';
import type { GetQueueLimitsResponse as _falconqueue_v1_GetQueueLimitsResponse, GetQueueLimitsResponse__Output as _falconqueue_v1_GetQueueLimitsResponse__Output } from '../../falconqueue/v1/GetQueueLimitsResponse';
import type { GetScheduleRequest as _falconqueue_v1_GetScheduleRequest, GetScheduleRequest__Output as _falconqueue_v1_GetScheduleRequest__Output } from '../../falconqueue/v1/GetScheduleRequest';
import type { GetScheduleResponse as _falconqueue_v1_GetScheduleResponse, GetScheduleResponse__Output as _falconqueue_v1_GetScheduleResponse__Output } from '../../falconqueue/v1/GetScheduleResponse';
import type { GetStatsRequest as _falconqueue_v1_GetStatsRequest, GetStatsRequest__Output as _falconqueue_v1_GetStatsRequest__Output } from '../../falconqueue/v1/GetStatsRequest';
import type { GetStatsResponse as _falconqueue_v1_GetStatsResponse, GetStatsResponse__Output as _falconqueue_v1_GetStatsResponse__Output } from '../../falconqueue/v1/GetStatsResponse';
import type { HeartbeatRequest as _falconqueue_v1_HeartbeatRequest, HeartbeatRequest__Output as _falconqueue_v1_HeartbeatRequest__Output } from '../../falconqueue/v1/HeartbeatRequest';
import type { HeartbeatResponse as _falconqueue_v1_HeartbeatResponse, HeartbeatResponse__Output as _falconqueue_v1_HeartbeatResponse__Output } from '../../falconqueue/v1/HeartbeatResponse';
import type { JobEvent as _falconqueue_v1_JobEvent, JobEvent__Output as _falconqueue_v1_JobEvent__Output } from '../../falconqueue/v1/JobEvent';
import type { ListJobsRequest as _falconqueue_v1_ListJobsRequest, ListJobsRequest__Output as _falconqueue_v1_ListJobsRequest__Output } from '../../falconqueue/v1/ListJobsRequest';
import type { ListJobsResponse as _falconqueue_v1_ListJobsResponse, ListJobsResponse__Output as _falconqueue_v1_ListJobsResponse__Output } from '../../falconqueue/v1/ListJobsResponse';
import type { ListSchedulesRequest as _falconqueue_v1_ListSchedulesRequest, ListSchedulesRequest__Output as _falconqueue_v1_ListSchedulesRequest__Output } from '../../falconqueue/v1/ListSchedulesRequest';
import type { ListSchedulesResponse as _falconqueue_v1_ListSchedulesResponse, ListSchedulesResponse__Output as _falconqueue_v1_ListSchedulesResponse__Output } from '../../falconqueue/v1/ListSchedulesResponse';
import type { ListTokensRequest as _falconqueue_v1_ListTokensRequest, ListTokensRequest__Output as _falconqueue_v1_ListTokensRequest__Output } from '../../falconqueue/v1/ListTokensRequest';
import type { ListTokensResponse as _falconqueue_v1_ListTokensResponse, ListTokensResponse__Output as _falconqueue_v1_ListTokensResponse__Output } from '../../falconqueue/v1/ListTokensResponse';
import type { ListWorkersRequest as _falconqueue_v1_ListWorkersRequest, ListWorkersRequest__Output as _falconqueue_v1_ListWorkersRequest__Output } from '../../falconqueue/v1/ListWorkersRequest';
import type { ListWorkersResponse as _falconqueue_v1_ListWorkersResponse, ListWorkersResponse__Output as _falconqueue_v1_ListWorkersResponse__Output } from '../../falconqueue/v1/ListWorkersResponse';
import type { PauseQueueRequest as _falconqueue_v1_PauseQueueRequest, PauseQueueRequest__Output as _falconqueue_v1_PauseQueueRequest__Output } from '../../falconqueue/v1/PauseQueueRequest';
import type { PauseQueueResponse as _falconqueue_v1_PauseQueueResponse, PauseQueueResponse__Output as _falconqueue_v1_PauseQueueResponse__Output } from '../../falconqueue/v1/PauseQueueResponse';
import type { PauseScheduleRequest as _falconqueue_v1_PauseScheduleRequest, PauseScheduleRequest__Output as _falconqueue_v1_PauseScheduleRequest__Output } from '../../falconqueue/v1/PauseScheduleRequest';
import type { PauseScheduleResponse as _falconqueue_v1_PauseScheduleResponse, PauseScheduleResponse__Output as _falconqueue_v1_PauseScheduleResponse__Output } from '../../falconqueue/v1/PauseScheduleResponse';
import type { PollJobsRequest as _falconqueue_v1_PollJobsRequest, PollJobsRequest__Output as _falconqueue_v1_PollJobsRequest__Output } from '../../falconqueue/v1/PollJobsRequest';
import type { PollJobsResponse as _falconqueue_v1_PollJobsResponse, PollJobsResponse__Output as _falconqueue_v1_PollJobsResponse__Output } from '../../falconqueue/v1/PollJobsResponse';
import type { PromoteJobRequest as _falconqueue_v1_PromoteJobRequest, PromoteJobRequest__Output as _falconqueue_v1_PromoteJobRequest__Output } from '../../falconqueue/v1/PromoteJobRequest';
import type { PromoteJobResponse as _falconqueue_v1_PromoteJobResponse, PromoteJobResponse__Output as _falconqueue_v1_PromoteJobResponse__Output } from '../../falconqueue/v1/PromoteJobResponse';
import type { RegisterWorkerRequest as _falconqueue_v1_RegisterWorkerRequest, RegisterWorkerRequest__Output as _falconqueue_v1_RegisterWorkerRequest__Output } from '../../falconqueue/v1/RegisterWorkerRequest';
import type { RegisterWorkerResponse as _falconqueue_v1_RegisterWorkerResponse, RegisterWorkerResponse__Output as _falconqueue_v1_RegisterWorkerResponse__Output } from '../../falconqueue/v1/RegisterWorkerResponse';
import type { ReportProgressRequest as _falconqueue_v1_ReportProgressRequest, ReportProgressRequest__Output as _falconqueue_v1_ReportProgressRequest__Output } from '../../falconqueue/v1/ReportProgressRequest';
import type { ReportProgressResponse as _falconqueue_v1_ReportProgressResponse, ReportProgressResponse__Output as _falconqueue_v1_ReportProgressResponse__Output } from '../../falconqueue/v1/ReportProgressResponse';
import type { ResumeQueueRequest as _falconqueue_v1_ResumeQueueRequest, ResumeQueueRequest__Output as _falconqueue_v1_ResumeQueueRequest__Output } from '../../falconqueue/v1/ResumeQueueRequest';
import type { ResumeQueueResponse as _falconqueue_v1_ResumeQueueResponse, ResumeQueueResponse__Output as _falconqueue_v1_ResumeQueueResponse__Output } from '../../falconqueue/v1/ResumeQueueResponse';
import type { ResumeScheduleRequest as _falconqueue_v1_ResumeScheduleRequest, ResumeScheduleRequest__Output as _falconqueue_v1_ResumeScheduleRequest__Output } from '../../falconqueue/v1/ResumeScheduleRequest';
import type { ResumeScheduleResponse as _falconqueue_v1_ResumeScheduleResponse, ResumeScheduleResponse__Output as _falconqueue_v1_ResumeScheduleResponse__Output } from '../../falconqueue/v1/ResumeScheduleResponse';
import type { RetryJobRequest as _falconqueue_v1_RetryJobRequest, RetryJobRequest__Output as _falconqueue_v1_RetryJobRequest__Output } from '../../falconqueue/v1/RetryJobRequest';
import type { RetryJobResponse as _falconqueue_v1_RetryJobResponse, RetryJobResponse__Output as _falconqueue_v1_RetryJobResponse__Output } from '../../falconqueue/v1/RetryJobResponse';
import type { RevokeTokenRequest as _falconqueue_v1_RevokeTokenRequest, RevokeTokenRequest__Output as _falconqueue_v1_RevokeTokenRequest__Output } from '../../falconqueue/v1/RevokeTokenRequest';
import type { RevokeTokenResponse as _falconqueue_v1_RevokeTokenResponse, RevokeTokenResponse__Output as _falconqueue_v1_RevokeTokenResponse__Output } from '../../falconqueue/v1/RevokeTokenResponse';
import type { SetQueueLimitsRequest as _falconqueue_v1_SetQueueLimitsRequest, SetQueueLimitsRequest__Output as _falconqueue_v1_SetQueueLimitsRequest__Output } from '../../falconqueue/v1/SetQueueLimitsRequest';
import type { SetQueueLimitsResponse as _falconqueue_v1_SetQueueLimitsResponse, SetQueueLimitsResponse__Output as _falconqueue_v1_SetQueueLimitsResponse__Output } from '../../falconqueue/v1/SetQueueLimitsResponse';
import type { SetQueueRetentionRequest as _falconqueue_v1_SetQueueRetentionRequest, SetQueueRetentionRequest__Output as _falconqueue_v1_SetQueueRetentionRequest__Output } from '../../falconqueue/v1/SetQueueRetentionRequest';
import type { SetQueueRetentionResponse as _falconqueue_v1_SetQueueRetentionResponse, SetQueueRetentionResponse__Output as _falconqueue_v1_SetQueueRetentionResponse__Output } from '../../falconqueue/v1/SetQueueRetentionResponse';
import type { SubmitFlowRequest as _falconqueue_v1_SubmitFlowRequest, SubmitFlowRequest__Output as _falconqueue_v1_SubmitFlowRequest__Output } from '../../falconqueue/v1/SubmitFlowRequest';
import type { SubmitFlowResponse as _falconqueue_v1_SubmitFlowResponse, SubmitFlowResponse__Output as _falconqueue_v1_SubmitFlowResponse__Output } from '../../falconqueue/v1/SubmitFlowResponse';
import type { SubmitJobRequest as _falconqueue_v1_SubmitJobRequest, SubmitJobRequest__Output as _falconqueue_v1_SubmitJobRequest__Output } from '../../falconqueue/v1/SubmitJobRequest';
import type { SubmitJobResponse as _falconqueue_v1_SubmitJobResponse, SubmitJobResponse__Output as _falconqueue_v1_SubmitJobResponse__Output } from '../../falconqueue/v1/SubmitJobResponse';
import type { SubmitJobsRequest as _falconqueue_v1_SubmitJobsRequest, SubmitJobsRequest__Output as _falconqueue_v1_SubmitJobsRequest__Output } from '../../falconqueue/v1/SubmitJobsRequest';
import type { SubmitJobsResponse as _falconqueue_v1_SubmitJobsResponse, SubmitJobsResponse__Output as _falconqueue_v1_SubmitJobsResponse__Output } from '../../falconqueue/v1/SubmitJobsResponse';
import type { TriggerScheduleRequest as _falconqueue_v1_TriggerScheduleRequest, TriggerScheduleRequest__Output as _falconqueue_v1_TriggerScheduleRequest__Output } from '../../falconqueue/v1/TriggerScheduleRequest';
import type { TriggerScheduleResponse as _falconqueue_v1_TriggerScheduleResponse, TriggerScheduleResponse__Output as _falconqueue_v1_TriggerScheduleResponse__Output } from '../../falconqueue/v1/TriggerScheduleResponse';
import type { WatchJobsRequest as _falconqueue_v1_WatchJobsRequest, WatchJobsRequest__Output as _falconqueue_v1_WatchJobsRequest__Output } from '../../falconqueue/v1/WatchJobsRequest';
import type { WhoAmIRequest as _falconqueue_v1_WhoAmIRequest, WhoAmIRequest__Output as _falconqueue_v1_WhoAmIRequest__Output } from '../../falconqueue/v1/WhoAmIRequest';
import type { WhoAmIResponse as _falconqueue_v1_WhoAmIResponse, WhoAmIResponse__Output as _falconqueue_v1_WhoAmIResponse__Output } from '../../falconqueue/v1/WhoAmIResponse';

export interface FalconQueueServiceClient extends grpc.Client {
  AcknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJob(argument: _falconqueue_v1_AcknowledgeJobRequest, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobResponse__Output>): grpc.ClientUnaryCall;
  
  AcknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  AcknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  acknowledgeJobs(argument: _falconqueue_v1_AcknowledgeJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_AcknowledgeJobsResponse__Output>): grpc.ClientUnaryCall;
  
  CancelJob(argument: _falconqueue_v1_CancelJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _falconqueue_v1_CancelJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _falconqueue_v1_CancelJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  CancelJob(argument: _falconqueue_v1_CancelJobRequest, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _falconqueue_v1_CancelJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _falconqueue_v1_CancelJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _falconqueue_v1_CancelJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  cancelJob(argument: _falconqueue_v1_CancelJobRequest, callback: grpc.requestCallback<_falconqueue_v1_CancelJobResponse__Output>): grpc.ClientUnaryCall;
  
  CloseBatch(argument: _falconqueue_v1_CloseBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  CloseBatch(argument: _falconqueue_v1_CloseBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  CloseBatch(argument: _falconqueue_v1_CloseBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  CloseBatch(argument: _falconqueue_v1_CloseBatchRequest, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  closeBatch(argument: _falconqueue_v1_CloseBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  closeBatch(argument: _falconqueue_v1_CloseBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  closeBatch(argument: _falconqueue_v1_CloseBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  closeBatch(argument: _falconqueue_v1_CloseBatchRequest, callback: grpc.requestCallback<_falconqueue_v1_CloseBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Tells a worker, on its next heartbeat, to stop polling (quiet) or to drain and exit (shutdown).
   */
  CommandWorker(argument: _falconqueue_v1_CommandWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  CommandWorker(argument: _falconqueue_v1_CommandWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  CommandWorker(argument: _falconqueue_v1_CommandWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  CommandWorker(argument: _falconqueue_v1_CommandWorkerRequest, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Tells a worker, on its next heartbeat, to stop polling (quiet) or to drain and exit (shutdown).
   */
  commandWorker(argument: _falconqueue_v1_CommandWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  commandWorker(argument: _falconqueue_v1_CommandWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  commandWorker(argument: _falconqueue_v1_CommandWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  commandWorker(argument: _falconqueue_v1_CommandWorkerRequest, callback: grpc.requestCallback<_falconqueue_v1_CommandWorkerResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Batches (docs/workflows.md): jobs join with JobOptions.batch_id while the
   * batch is open; once it is closed and they all finished, its callbacks fire once.
   */
  CreateBatch(argument: _falconqueue_v1_CreateBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  CreateBatch(argument: _falconqueue_v1_CreateBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  CreateBatch(argument: _falconqueue_v1_CreateBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  CreateBatch(argument: _falconqueue_v1_CreateBatchRequest, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Batches (docs/workflows.md): jobs join with JobOptions.batch_id while the
   * batch is open; once it is closed and they all finished, its callbacks fire once.
   */
  createBatch(argument: _falconqueue_v1_CreateBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  createBatch(argument: _falconqueue_v1_CreateBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  createBatch(argument: _falconqueue_v1_CreateBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  createBatch(argument: _falconqueue_v1_CreateBatchRequest, callback: grpc.requestCallback<_falconqueue_v1_CreateBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Schedules (docs/schedules.md): one job per tick of a cron expression or interval.
   * Create, pause, resume, delete and trigger need admin on the schedule's queue;
   * get and list need viewer or admin (list without a queue: on every queue, "*").
   */
  CreateSchedule(argument: _falconqueue_v1_CreateScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  CreateSchedule(argument: _falconqueue_v1_CreateScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  CreateSchedule(argument: _falconqueue_v1_CreateScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  CreateSchedule(argument: _falconqueue_v1_CreateScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Schedules (docs/schedules.md): one job per tick of a cron expression or interval.
   * Create, pause, resume, delete and trigger need admin on the schedule's queue;
   * get and list need viewer or admin (list without a queue: on every queue, "*").
   */
  createSchedule(argument: _falconqueue_v1_CreateScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  createSchedule(argument: _falconqueue_v1_CreateScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  createSchedule(argument: _falconqueue_v1_CreateScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  createSchedule(argument: _falconqueue_v1_CreateScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_CreateScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * API tokens (admin). The secret is in CreateToken's reply only; the master keeps its hash.
   */
  CreateToken(argument: _falconqueue_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _falconqueue_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _falconqueue_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  CreateToken(argument: _falconqueue_v1_CreateTokenRequest, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  /**
   * API tokens (admin). The secret is in CreateToken's reply only; the master keeps its hash.
   */
  createToken(argument: _falconqueue_v1_CreateTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _falconqueue_v1_CreateTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _falconqueue_v1_CreateTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  createToken(argument: _falconqueue_v1_CreateTokenRequest, callback: grpc.requestCallback<_falconqueue_v1_CreateTokenResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Removes a job that is not running (FAILED_PRECONDITION for a running one: cancel it first).
   */
  DeleteJob(argument: _falconqueue_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _falconqueue_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _falconqueue_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  DeleteJob(argument: _falconqueue_v1_DeleteJobRequest, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Removes a job that is not running (FAILED_PRECONDITION for a running one: cancel it first).
   */
  deleteJob(argument: _falconqueue_v1_DeleteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _falconqueue_v1_DeleteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _falconqueue_v1_DeleteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  deleteJob(argument: _falconqueue_v1_DeleteJobRequest, callback: grpc.requestCallback<_falconqueue_v1_DeleteJobResponse__Output>): grpc.ClientUnaryCall;
  
  DeleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  DeleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  DeleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  DeleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  deleteSchedule(argument: _falconqueue_v1_DeleteScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_DeleteScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  DeregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  DeregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  DeregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  DeregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  deregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  deregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  deregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  deregisterWorker(argument: _falconqueue_v1_DeregisterWorkerRequest, callback: grpc.requestCallback<_falconqueue_v1_DeregisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  
  GetBatch(argument: _falconqueue_v1_GetBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  GetBatch(argument: _falconqueue_v1_GetBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  GetBatch(argument: _falconqueue_v1_GetBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  GetBatch(argument: _falconqueue_v1_GetBatchRequest, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  getBatch(argument: _falconqueue_v1_GetBatchRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  getBatch(argument: _falconqueue_v1_GetBatchRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  getBatch(argument: _falconqueue_v1_GetBatchRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  getBatch(argument: _falconqueue_v1_GetBatchRequest, callback: grpc.requestCallback<_falconqueue_v1_GetBatchResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * The jobs a leased job depended on, with their results (ctx.dependencies()).
   */
  GetDependencies(argument: _falconqueue_v1_GetDependenciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  GetDependencies(argument: _falconqueue_v1_GetDependenciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  GetDependencies(argument: _falconqueue_v1_GetDependenciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  GetDependencies(argument: _falconqueue_v1_GetDependenciesRequest, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  /**
   * The jobs a leased job depended on, with their results (ctx.dependencies()).
   */
  getDependencies(argument: _falconqueue_v1_GetDependenciesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  getDependencies(argument: _falconqueue_v1_GetDependenciesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  getDependencies(argument: _falconqueue_v1_GetDependenciesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  getDependencies(argument: _falconqueue_v1_GetDependenciesRequest, callback: grpc.requestCallback<_falconqueue_v1_GetDependenciesResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Inspection and control
   */
  GetJob(argument: _falconqueue_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _falconqueue_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _falconqueue_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  GetJob(argument: _falconqueue_v1_GetJobRequest, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Inspection and control
   */
  getJob(argument: _falconqueue_v1_GetJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _falconqueue_v1_GetJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _falconqueue_v1_GetJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  getJob(argument: _falconqueue_v1_GetJobRequest, callback: grpc.requestCallback<_falconqueue_v1_GetJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A queue's limits, what holds it now, and its busiest groups.
   */
  GetQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  GetQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  GetQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  GetQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A queue's limits, what holds it now, and its busiest groups.
   */
  getQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  getQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  getQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  getQueueLimits(argument: _falconqueue_v1_GetQueueLimitsRequest, callback: grpc.requestCallback<_falconqueue_v1_GetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  
  GetSchedule(argument: _falconqueue_v1_GetScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  GetSchedule(argument: _falconqueue_v1_GetScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  GetSchedule(argument: _falconqueue_v1_GetScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  GetSchedule(argument: _falconqueue_v1_GetScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _falconqueue_v1_GetScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _falconqueue_v1_GetScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _falconqueue_v1_GetScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  getSchedule(argument: _falconqueue_v1_GetScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_GetScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Operations
   */
  GetStats(argument: _falconqueue_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _falconqueue_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _falconqueue_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  GetStats(argument: _falconqueue_v1_GetStatsRequest, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Operations
   */
  getStats(argument: _falconqueue_v1_GetStatsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _falconqueue_v1_GetStatsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _falconqueue_v1_GetStatsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  getStats(argument: _falconqueue_v1_GetStatsRequest, callback: grpc.requestCallback<_falconqueue_v1_GetStatsResponse__Output>): grpc.ClientUnaryCall;
  
  Heartbeat(argument: _falconqueue_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _falconqueue_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _falconqueue_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  Heartbeat(argument: _falconqueue_v1_HeartbeatRequest, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _falconqueue_v1_HeartbeatRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _falconqueue_v1_HeartbeatRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _falconqueue_v1_HeartbeatRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  heartbeat(argument: _falconqueue_v1_HeartbeatRequest, callback: grpc.requestCallback<_falconqueue_v1_HeartbeatResponse__Output>): grpc.ClientUnaryCall;
  
  ListJobs(argument: _falconqueue_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _falconqueue_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _falconqueue_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  ListJobs(argument: _falconqueue_v1_ListJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _falconqueue_v1_ListJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _falconqueue_v1_ListJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _falconqueue_v1_ListJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  listJobs(argument: _falconqueue_v1_ListJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_ListJobsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSchedules(argument: _falconqueue_v1_ListSchedulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _falconqueue_v1_ListSchedulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _falconqueue_v1_ListSchedulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  ListSchedules(argument: _falconqueue_v1_ListSchedulesRequest, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _falconqueue_v1_ListSchedulesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _falconqueue_v1_ListSchedulesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _falconqueue_v1_ListSchedulesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  listSchedules(argument: _falconqueue_v1_ListSchedulesRequest, callback: grpc.requestCallback<_falconqueue_v1_ListSchedulesResponse__Output>): grpc.ClientUnaryCall;
  
  ListTokens(argument: _falconqueue_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _falconqueue_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _falconqueue_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  ListTokens(argument: _falconqueue_v1_ListTokensRequest, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _falconqueue_v1_ListTokensRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _falconqueue_v1_ListTokensRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _falconqueue_v1_ListTokensRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  listTokens(argument: _falconqueue_v1_ListTokensRequest, callback: grpc.requestCallback<_falconqueue_v1_ListTokensResponse__Output>): grpc.ClientUnaryCall;
  
  ListWorkers(argument: _falconqueue_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _falconqueue_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _falconqueue_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  ListWorkers(argument: _falconqueue_v1_ListWorkersRequest, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _falconqueue_v1_ListWorkersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _falconqueue_v1_ListWorkersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _falconqueue_v1_ListWorkersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  listWorkers(argument: _falconqueue_v1_ListWorkersRequest, callback: grpc.requestCallback<_falconqueue_v1_ListWorkersResponse__Output>): grpc.ClientUnaryCall;
  
  PauseQueue(argument: _falconqueue_v1_PauseQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  PauseQueue(argument: _falconqueue_v1_PauseQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  PauseQueue(argument: _falconqueue_v1_PauseQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  PauseQueue(argument: _falconqueue_v1_PauseQueueRequest, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  pauseQueue(argument: _falconqueue_v1_PauseQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  pauseQueue(argument: _falconqueue_v1_PauseQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  pauseQueue(argument: _falconqueue_v1_PauseQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  pauseQueue(argument: _falconqueue_v1_PauseQueueRequest, callback: grpc.requestCallback<_falconqueue_v1_PauseQueueResponse__Output>): grpc.ClientUnaryCall;
  
  PauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  PauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  PauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  PauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  pauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  pauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  pauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  pauseSchedule(argument: _falconqueue_v1_PauseScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_PauseScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  PollJobs(argument: _falconqueue_v1_PollJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  PollJobs(argument: _falconqueue_v1_PollJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  PollJobs(argument: _falconqueue_v1_PollJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  PollJobs(argument: _falconqueue_v1_PollJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  pollJobs(argument: _falconqueue_v1_PollJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  pollJobs(argument: _falconqueue_v1_PollJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  pollJobs(argument: _falconqueue_v1_PollJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  pollJobs(argument: _falconqueue_v1_PollJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_PollJobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Makes a SCHEDULED job PENDING now.
   */
  PromoteJob(argument: _falconqueue_v1_PromoteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  PromoteJob(argument: _falconqueue_v1_PromoteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  PromoteJob(argument: _falconqueue_v1_PromoteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  PromoteJob(argument: _falconqueue_v1_PromoteJobRequest, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Makes a SCHEDULED job PENDING now.
   */
  promoteJob(argument: _falconqueue_v1_PromoteJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  promoteJob(argument: _falconqueue_v1_PromoteJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  promoteJob(argument: _falconqueue_v1_PromoteJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  promoteJob(argument: _falconqueue_v1_PromoteJobRequest, callback: grpc.requestCallback<_falconqueue_v1_PromoteJobResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Workers
   */
  RegisterWorker(argument: _falconqueue_v1_RegisterWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _falconqueue_v1_RegisterWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _falconqueue_v1_RegisterWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  RegisterWorker(argument: _falconqueue_v1_RegisterWorkerRequest, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Workers
   */
  registerWorker(argument: _falconqueue_v1_RegisterWorkerRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _falconqueue_v1_RegisterWorkerRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _falconqueue_v1_RegisterWorkerRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  registerWorker(argument: _falconqueue_v1_RegisterWorkerRequest, callback: grpc.requestCallback<_falconqueue_v1_RegisterWorkerResponse__Output>): grpc.ClientUnaryCall;
  
  ReportProgress(argument: _falconqueue_v1_ReportProgressRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  ReportProgress(argument: _falconqueue_v1_ReportProgressRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  ReportProgress(argument: _falconqueue_v1_ReportProgressRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  ReportProgress(argument: _falconqueue_v1_ReportProgressRequest, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _falconqueue_v1_ReportProgressRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _falconqueue_v1_ReportProgressRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _falconqueue_v1_ReportProgressRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  reportProgress(argument: _falconqueue_v1_ReportProgressRequest, callback: grpc.requestCallback<_falconqueue_v1_ReportProgressResponse__Output>): grpc.ClientUnaryCall;
  
  ResumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  ResumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  ResumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  ResumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  resumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  resumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  resumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  resumeQueue(argument: _falconqueue_v1_ResumeQueueRequest, callback: grpc.requestCallback<_falconqueue_v1_ResumeQueueResponse__Output>): grpc.ClientUnaryCall;
  
  ResumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  ResumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  ResumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  ResumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  resumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  resumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  resumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  resumeSchedule(argument: _falconqueue_v1_ResumeScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_ResumeScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  RetryJob(argument: _falconqueue_v1_RetryJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  RetryJob(argument: _falconqueue_v1_RetryJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  RetryJob(argument: _falconqueue_v1_RetryJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  RetryJob(argument: _falconqueue_v1_RetryJobRequest, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  retryJob(argument: _falconqueue_v1_RetryJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  retryJob(argument: _falconqueue_v1_RetryJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  retryJob(argument: _falconqueue_v1_RetryJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  retryJob(argument: _falconqueue_v1_RetryJobRequest, callback: grpc.requestCallback<_falconqueue_v1_RetryJobResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeToken(argument: _falconqueue_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _falconqueue_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _falconqueue_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  RevokeToken(argument: _falconqueue_v1_RevokeTokenRequest, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _falconqueue_v1_RevokeTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _falconqueue_v1_RevokeTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _falconqueue_v1_RevokeTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  revokeToken(argument: _falconqueue_v1_RevokeTokenRequest, callback: grpc.requestCallback<_falconqueue_v1_RevokeTokenResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sets a queue's concurrency and rate limits (kept in the WAL); answers with them.
   */
  SetQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  SetQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  SetQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  SetQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sets a queue's concurrency and rate limits (kept in the WAL); answers with them.
   */
  setQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  setQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  setQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  setQueueLimits(argument: _falconqueue_v1_SetQueueLimitsRequest, callback: grpc.requestCallback<_falconqueue_v1_SetQueueLimitsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Sets a queue's own retention bounds, kept in addition to the global ones.
   */
  SetQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  SetQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  SetQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  SetQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Sets a queue's own retention bounds, kept in addition to the global ones.
   */
  setQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  setQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  setQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  setQueueRetention(argument: _falconqueue_v1_SetQueueRetentionRequest, callback: grpc.requestCallback<_falconqueue_v1_SetQueueRetentionResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * A tree (or DAG) of jobs accepted whole or not at all; a parent runs after
   * all its children (docs/workflows.md). Producer or admin on every job's queue.
   */
  SubmitFlow(argument: _falconqueue_v1_SubmitFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  SubmitFlow(argument: _falconqueue_v1_SubmitFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  SubmitFlow(argument: _falconqueue_v1_SubmitFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  SubmitFlow(argument: _falconqueue_v1_SubmitFlowRequest, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  /**
   * A tree (or DAG) of jobs accepted whole or not at all; a parent runs after
   * all its children (docs/workflows.md). Producer or admin on every job's queue.
   */
  submitFlow(argument: _falconqueue_v1_SubmitFlowRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  submitFlow(argument: _falconqueue_v1_SubmitFlowRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  submitFlow(argument: _falconqueue_v1_SubmitFlowRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  submitFlow(argument: _falconqueue_v1_SubmitFlowRequest, callback: grpc.requestCallback<_falconqueue_v1_SubmitFlowResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Producers
   */
  SubmitJob(argument: _falconqueue_v1_SubmitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  SubmitJob(argument: _falconqueue_v1_SubmitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  SubmitJob(argument: _falconqueue_v1_SubmitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  SubmitJob(argument: _falconqueue_v1_SubmitJobRequest, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Producers
   */
  submitJob(argument: _falconqueue_v1_SubmitJobRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  submitJob(argument: _falconqueue_v1_SubmitJobRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  submitJob(argument: _falconqueue_v1_SubmitJobRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  submitJob(argument: _falconqueue_v1_SubmitJobRequest, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobResponse__Output>): grpc.ClientUnaryCall;
  
  SubmitJobs(argument: _falconqueue_v1_SubmitJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  SubmitJobs(argument: _falconqueue_v1_SubmitJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  SubmitJobs(argument: _falconqueue_v1_SubmitJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  SubmitJobs(argument: _falconqueue_v1_SubmitJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _falconqueue_v1_SubmitJobsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _falconqueue_v1_SubmitJobsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _falconqueue_v1_SubmitJobsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  submitJobs(argument: _falconqueue_v1_SubmitJobsRequest, callback: grpc.requestCallback<_falconqueue_v1_SubmitJobsResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Creates the schedule's job now; the next tick stays.
   */
  TriggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  TriggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  TriggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  TriggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Creates the schedule's job now; the next tick stays.
   */
  triggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  triggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  triggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  triggerSchedule(argument: _falconqueue_v1_TriggerScheduleRequest, callback: grpc.requestCallback<_falconqueue_v1_TriggerScheduleResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * State changes as a stream, so clients can wait without polling.
   */
  WatchJobs(argument: _falconqueue_v1_WatchJobsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_JobEvent__Output>;
  WatchJobs(argument: _falconqueue_v1_WatchJobsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_JobEvent__Output>;
  /**
   * State changes as a stream, so clients can wait without polling.
   */
  watchJobs(argument: _falconqueue_v1_WatchJobsRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_JobEvent__Output>;
  watchJobs(argument: _falconqueue_v1_WatchJobsRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_JobEvent__Output>;
  
  /**
   * Who the master takes the caller for, and what it may do. Any authenticated caller.
   */
  WhoAmI(argument: _falconqueue_v1_WhoAmIRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  WhoAmI(argument: _falconqueue_v1_WhoAmIRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  WhoAmI(argument: _falconqueue_v1_WhoAmIRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  WhoAmI(argument: _falconqueue_v1_WhoAmIRequest, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Who the master takes the caller for, and what it may do. Any authenticated caller.
   */
  whoAmI(argument: _falconqueue_v1_WhoAmIRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  whoAmI(argument: _falconqueue_v1_WhoAmIRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  whoAmI(argument: _falconqueue_v1_WhoAmIRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  whoAmI(argument: _falconqueue_v1_WhoAmIRequest, callback: grpc.requestCallback<_falconqueue_v1_WhoAmIResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface FalconQueueServiceHandlers extends grpc.UntypedServiceImplementation {
  AcknowledgeJob: grpc.handleUnaryCall<_falconqueue_v1_AcknowledgeJobRequest__Output, _falconqueue_v1_AcknowledgeJobResponse>;
  
  AcknowledgeJobs: grpc.handleUnaryCall<_falconqueue_v1_AcknowledgeJobsRequest__Output, _falconqueue_v1_AcknowledgeJobsResponse>;
  
  CancelJob: grpc.handleUnaryCall<_falconqueue_v1_CancelJobRequest__Output, _falconqueue_v1_CancelJobResponse>;
  
  CloseBatch: grpc.handleUnaryCall<_falconqueue_v1_CloseBatchRequest__Output, _falconqueue_v1_CloseBatchResponse>;
  
  /**
   * Tells a worker, on its next heartbeat, to stop polling (quiet) or to drain and exit (shutdown).
   */
  CommandWorker: grpc.handleUnaryCall<_falconqueue_v1_CommandWorkerRequest__Output, _falconqueue_v1_CommandWorkerResponse>;
  
  /**
   * Batches (docs/workflows.md): jobs join with JobOptions.batch_id while the
   * batch is open; once it is closed and they all finished, its callbacks fire once.
   */
  CreateBatch: grpc.handleUnaryCall<_falconqueue_v1_CreateBatchRequest__Output, _falconqueue_v1_CreateBatchResponse>;
  
  /**
   * Schedules (docs/schedules.md): one job per tick of a cron expression or interval.
   * Create, pause, resume, delete and trigger need admin on the schedule's queue;
   * get and list need viewer or admin (list without a queue: on every queue, "*").
   */
  CreateSchedule: grpc.handleUnaryCall<_falconqueue_v1_CreateScheduleRequest__Output, _falconqueue_v1_CreateScheduleResponse>;
  
  /**
   * API tokens (admin). The secret is in CreateToken's reply only; the master keeps its hash.
   */
  CreateToken: grpc.handleUnaryCall<_falconqueue_v1_CreateTokenRequest__Output, _falconqueue_v1_CreateTokenResponse>;
  
  /**
   * Removes a job that is not running (FAILED_PRECONDITION for a running one: cancel it first).
   */
  DeleteJob: grpc.handleUnaryCall<_falconqueue_v1_DeleteJobRequest__Output, _falconqueue_v1_DeleteJobResponse>;
  
  DeleteSchedule: grpc.handleUnaryCall<_falconqueue_v1_DeleteScheduleRequest__Output, _falconqueue_v1_DeleteScheduleResponse>;
  
  DeregisterWorker: grpc.handleUnaryCall<_falconqueue_v1_DeregisterWorkerRequest__Output, _falconqueue_v1_DeregisterWorkerResponse>;
  
  GetBatch: grpc.handleUnaryCall<_falconqueue_v1_GetBatchRequest__Output, _falconqueue_v1_GetBatchResponse>;
  
  /**
   * The jobs a leased job depended on, with their results (ctx.dependencies()).
   */
  GetDependencies: grpc.handleUnaryCall<_falconqueue_v1_GetDependenciesRequest__Output, _falconqueue_v1_GetDependenciesResponse>;
  
  /**
   * Inspection and control
   */
  GetJob: grpc.handleUnaryCall<_falconqueue_v1_GetJobRequest__Output, _falconqueue_v1_GetJobResponse>;
  
  /**
   * A queue's limits, what holds it now, and its busiest groups.
   */
  GetQueueLimits: grpc.handleUnaryCall<_falconqueue_v1_GetQueueLimitsRequest__Output, _falconqueue_v1_GetQueueLimitsResponse>;
  
  GetSchedule: grpc.handleUnaryCall<_falconqueue_v1_GetScheduleRequest__Output, _falconqueue_v1_GetScheduleResponse>;
  
  /**
   * Operations
   */
  GetStats: grpc.handleUnaryCall<_falconqueue_v1_GetStatsRequest__Output, _falconqueue_v1_GetStatsResponse>;
  
  Heartbeat: grpc.handleUnaryCall<_falconqueue_v1_HeartbeatRequest__Output, _falconqueue_v1_HeartbeatResponse>;
  
  ListJobs: grpc.handleUnaryCall<_falconqueue_v1_ListJobsRequest__Output, _falconqueue_v1_ListJobsResponse>;
  
  ListSchedules: grpc.handleUnaryCall<_falconqueue_v1_ListSchedulesRequest__Output, _falconqueue_v1_ListSchedulesResponse>;
  
  ListTokens: grpc.handleUnaryCall<_falconqueue_v1_ListTokensRequest__Output, _falconqueue_v1_ListTokensResponse>;
  
  ListWorkers: grpc.handleUnaryCall<_falconqueue_v1_ListWorkersRequest__Output, _falconqueue_v1_ListWorkersResponse>;
  
  PauseQueue: grpc.handleUnaryCall<_falconqueue_v1_PauseQueueRequest__Output, _falconqueue_v1_PauseQueueResponse>;
  
  PauseSchedule: grpc.handleUnaryCall<_falconqueue_v1_PauseScheduleRequest__Output, _falconqueue_v1_PauseScheduleResponse>;
  
  PollJobs: grpc.handleUnaryCall<_falconqueue_v1_PollJobsRequest__Output, _falconqueue_v1_PollJobsResponse>;
  
  /**
   * Makes a SCHEDULED job PENDING now.
   */
  PromoteJob: grpc.handleUnaryCall<_falconqueue_v1_PromoteJobRequest__Output, _falconqueue_v1_PromoteJobResponse>;
  
  /**
   * Workers
   */
  RegisterWorker: grpc.handleUnaryCall<_falconqueue_v1_RegisterWorkerRequest__Output, _falconqueue_v1_RegisterWorkerResponse>;
  
  ReportProgress: grpc.handleUnaryCall<_falconqueue_v1_ReportProgressRequest__Output, _falconqueue_v1_ReportProgressResponse>;
  
  ResumeQueue: grpc.handleUnaryCall<_falconqueue_v1_ResumeQueueRequest__Output, _falconqueue_v1_ResumeQueueResponse>;
  
  ResumeSchedule: grpc.handleUnaryCall<_falconqueue_v1_ResumeScheduleRequest__Output, _falconqueue_v1_ResumeScheduleResponse>;
  
  RetryJob: grpc.handleUnaryCall<_falconqueue_v1_RetryJobRequest__Output, _falconqueue_v1_RetryJobResponse>;
  
  RevokeToken: grpc.handleUnaryCall<_falconqueue_v1_RevokeTokenRequest__Output, _falconqueue_v1_RevokeTokenResponse>;
  
  /**
   * Sets a queue's concurrency and rate limits (kept in the WAL); answers with them.
   */
  SetQueueLimits: grpc.handleUnaryCall<_falconqueue_v1_SetQueueLimitsRequest__Output, _falconqueue_v1_SetQueueLimitsResponse>;
  
  /**
   * Sets a queue's own retention bounds, kept in addition to the global ones.
   */
  SetQueueRetention: grpc.handleUnaryCall<_falconqueue_v1_SetQueueRetentionRequest__Output, _falconqueue_v1_SetQueueRetentionResponse>;
  
  /**
   * A tree (or DAG) of jobs accepted whole or not at all; a parent runs after
   * all its children (docs/workflows.md). Producer or admin on every job's queue.
   */
  SubmitFlow: grpc.handleUnaryCall<_falconqueue_v1_SubmitFlowRequest__Output, _falconqueue_v1_SubmitFlowResponse>;
  
  /**
   * Producers
   */
  SubmitJob: grpc.handleUnaryCall<_falconqueue_v1_SubmitJobRequest__Output, _falconqueue_v1_SubmitJobResponse>;
  
  SubmitJobs: grpc.handleUnaryCall<_falconqueue_v1_SubmitJobsRequest__Output, _falconqueue_v1_SubmitJobsResponse>;
  
  /**
   * Creates the schedule's job now; the next tick stays.
   */
  TriggerSchedule: grpc.handleUnaryCall<_falconqueue_v1_TriggerScheduleRequest__Output, _falconqueue_v1_TriggerScheduleResponse>;
  
  /**
   * State changes as a stream, so clients can wait without polling.
   */
  WatchJobs: grpc.handleServerStreamingCall<_falconqueue_v1_WatchJobsRequest__Output, _falconqueue_v1_JobEvent>;
  
  /**
   * Who the master takes the caller for, and what it may do. Any authenticated caller.
   */
  WhoAmI: grpc.handleUnaryCall<_falconqueue_v1_WhoAmIRequest__Output, _falconqueue_v1_WhoAmIResponse>;
  
}

export interface FalconQueueServiceDefinition extends grpc.ServiceDefinition {
  AcknowledgeJob: MethodDefinition<_falconqueue_v1_AcknowledgeJobRequest, _falconqueue_v1_AcknowledgeJobResponse, _falconqueue_v1_AcknowledgeJobRequest__Output, _falconqueue_v1_AcknowledgeJobResponse__Output>
  AcknowledgeJobs: MethodDefinition<_falconqueue_v1_AcknowledgeJobsRequest, _falconqueue_v1_AcknowledgeJobsResponse, _falconqueue_v1_AcknowledgeJobsRequest__Output, _falconqueue_v1_AcknowledgeJobsResponse__Output>
  CancelJob: MethodDefinition<_falconqueue_v1_CancelJobRequest, _falconqueue_v1_CancelJobResponse, _falconqueue_v1_CancelJobRequest__Output, _falconqueue_v1_CancelJobResponse__Output>
  CloseBatch: MethodDefinition<_falconqueue_v1_CloseBatchRequest, _falconqueue_v1_CloseBatchResponse, _falconqueue_v1_CloseBatchRequest__Output, _falconqueue_v1_CloseBatchResponse__Output>
  CommandWorker: MethodDefinition<_falconqueue_v1_CommandWorkerRequest, _falconqueue_v1_CommandWorkerResponse, _falconqueue_v1_CommandWorkerRequest__Output, _falconqueue_v1_CommandWorkerResponse__Output>
  CreateBatch: MethodDefinition<_falconqueue_v1_CreateBatchRequest, _falconqueue_v1_CreateBatchResponse, _falconqueue_v1_CreateBatchRequest__Output, _falconqueue_v1_CreateBatchResponse__Output>
  CreateSchedule: MethodDefinition<_falconqueue_v1_CreateScheduleRequest, _falconqueue_v1_CreateScheduleResponse, _falconqueue_v1_CreateScheduleRequest__Output, _falconqueue_v1_CreateScheduleResponse__Output>
  CreateToken: MethodDefinition<_falconqueue_v1_CreateTokenRequest, _falconqueue_v1_CreateTokenResponse, _falconqueue_v1_CreateTokenRequest__Output, _falconqueue_v1_CreateTokenResponse__Output>
  DeleteJob: MethodDefinition<_falconqueue_v1_DeleteJobRequest, _falconqueue_v1_DeleteJobResponse, _falconqueue_v1_DeleteJobRequest__Output, _falconqueue_v1_DeleteJobResponse__Output>
  DeleteSchedule: MethodDefinition<_falconqueue_v1_DeleteScheduleRequest, _falconqueue_v1_DeleteScheduleResponse, _falconqueue_v1_DeleteScheduleRequest__Output, _falconqueue_v1_DeleteScheduleResponse__Output>
  DeregisterWorker: MethodDefinition<_falconqueue_v1_DeregisterWorkerRequest, _falconqueue_v1_DeregisterWorkerResponse, _falconqueue_v1_DeregisterWorkerRequest__Output, _falconqueue_v1_DeregisterWorkerResponse__Output>
  GetBatch: MethodDefinition<_falconqueue_v1_GetBatchRequest, _falconqueue_v1_GetBatchResponse, _falconqueue_v1_GetBatchRequest__Output, _falconqueue_v1_GetBatchResponse__Output>
  GetDependencies: MethodDefinition<_falconqueue_v1_GetDependenciesRequest, _falconqueue_v1_GetDependenciesResponse, _falconqueue_v1_GetDependenciesRequest__Output, _falconqueue_v1_GetDependenciesResponse__Output>
  GetJob: MethodDefinition<_falconqueue_v1_GetJobRequest, _falconqueue_v1_GetJobResponse, _falconqueue_v1_GetJobRequest__Output, _falconqueue_v1_GetJobResponse__Output>
  GetQueueLimits: MethodDefinition<_falconqueue_v1_GetQueueLimitsRequest, _falconqueue_v1_GetQueueLimitsResponse, _falconqueue_v1_GetQueueLimitsRequest__Output, _falconqueue_v1_GetQueueLimitsResponse__Output>
  GetSchedule: MethodDefinition<_falconqueue_v1_GetScheduleRequest, _falconqueue_v1_GetScheduleResponse, _falconqueue_v1_GetScheduleRequest__Output, _falconqueue_v1_GetScheduleResponse__Output>
  GetStats: MethodDefinition<_falconqueue_v1_GetStatsRequest, _falconqueue_v1_GetStatsResponse, _falconqueue_v1_GetStatsRequest__Output, _falconqueue_v1_GetStatsResponse__Output>
  Heartbeat: MethodDefinition<_falconqueue_v1_HeartbeatRequest, _falconqueue_v1_HeartbeatResponse, _falconqueue_v1_HeartbeatRequest__Output, _falconqueue_v1_HeartbeatResponse__Output>
  ListJobs: MethodDefinition<_falconqueue_v1_ListJobsRequest, _falconqueue_v1_ListJobsResponse, _falconqueue_v1_ListJobsRequest__Output, _falconqueue_v1_ListJobsResponse__Output>
  ListSchedules: MethodDefinition<_falconqueue_v1_ListSchedulesRequest, _falconqueue_v1_ListSchedulesResponse, _falconqueue_v1_ListSchedulesRequest__Output, _falconqueue_v1_ListSchedulesResponse__Output>
  ListTokens: MethodDefinition<_falconqueue_v1_ListTokensRequest, _falconqueue_v1_ListTokensResponse, _falconqueue_v1_ListTokensRequest__Output, _falconqueue_v1_ListTokensResponse__Output>
  ListWorkers: MethodDefinition<_falconqueue_v1_ListWorkersRequest, _falconqueue_v1_ListWorkersResponse, _falconqueue_v1_ListWorkersRequest__Output, _falconqueue_v1_ListWorkersResponse__Output>
  PauseQueue: MethodDefinition<_falconqueue_v1_PauseQueueRequest, _falconqueue_v1_PauseQueueResponse, _falconqueue_v1_PauseQueueRequest__Output, _falconqueue_v1_PauseQueueResponse__Output>
  PauseSchedule: MethodDefinition<_falconqueue_v1_PauseScheduleRequest, _falconqueue_v1_PauseScheduleResponse, _falconqueue_v1_PauseScheduleRequest__Output, _falconqueue_v1_PauseScheduleResponse__Output>
  PollJobs: MethodDefinition<_falconqueue_v1_PollJobsRequest, _falconqueue_v1_PollJobsResponse, _falconqueue_v1_PollJobsRequest__Output, _falconqueue_v1_PollJobsResponse__Output>
  PromoteJob: MethodDefinition<_falconqueue_v1_PromoteJobRequest, _falconqueue_v1_PromoteJobResponse, _falconqueue_v1_PromoteJobRequest__Output, _falconqueue_v1_PromoteJobResponse__Output>
  RegisterWorker: MethodDefinition<_falconqueue_v1_RegisterWorkerRequest, _falconqueue_v1_RegisterWorkerResponse, _falconqueue_v1_RegisterWorkerRequest__Output, _falconqueue_v1_RegisterWorkerResponse__Output>
  ReportProgress: MethodDefinition<_falconqueue_v1_ReportProgressRequest, _falconqueue_v1_ReportProgressResponse, _falconqueue_v1_ReportProgressRequest__Output, _falconqueue_v1_ReportProgressResponse__Output>
  ResumeQueue: MethodDefinition<_falconqueue_v1_ResumeQueueRequest, _falconqueue_v1_ResumeQueueResponse, _falconqueue_v1_ResumeQueueRequest__Output, _falconqueue_v1_ResumeQueueResponse__Output>
  ResumeSchedule: MethodDefinition<_falconqueue_v1_ResumeScheduleRequest, _falconqueue_v1_ResumeScheduleResponse, _falconqueue_v1_ResumeScheduleRequest__Output, _falconqueue_v1_ResumeScheduleResponse__Output>
  RetryJob: MethodDefinition<_falconqueue_v1_RetryJobRequest, _falconqueue_v1_RetryJobResponse, _falconqueue_v1_RetryJobRequest__Output, _falconqueue_v1_RetryJobResponse__Output>
  RevokeToken: MethodDefinition<_falconqueue_v1_RevokeTokenRequest, _falconqueue_v1_RevokeTokenResponse, _falconqueue_v1_RevokeTokenRequest__Output, _falconqueue_v1_RevokeTokenResponse__Output>
  SetQueueLimits: MethodDefinition<_falconqueue_v1_SetQueueLimitsRequest, _falconqueue_v1_SetQueueLimitsResponse, _falconqueue_v1_SetQueueLimitsRequest__Output, _falconqueue_v1_SetQueueLimitsResponse__Output>
  SetQueueRetention: MethodDefinition<_falconqueue_v1_SetQueueRetentionRequest, _falconqueue_v1_SetQueueRetentionResponse, _falconqueue_v1_SetQueueRetentionRequest__Output, _falconqueue_v1_SetQueueRetentionResponse__Output>
  SubmitFlow: MethodDefinition<_falconqueue_v1_SubmitFlowRequest, _falconqueue_v1_SubmitFlowResponse, _falconqueue_v1_SubmitFlowRequest__Output, _falconqueue_v1_SubmitFlowResponse__Output>
  SubmitJob: MethodDefinition<_falconqueue_v1_SubmitJobRequest, _falconqueue_v1_SubmitJobResponse, _falconqueue_v1_SubmitJobRequest__Output, _falconqueue_v1_SubmitJobResponse__Output>
  SubmitJobs: MethodDefinition<_falconqueue_v1_SubmitJobsRequest, _falconqueue_v1_SubmitJobsResponse, _falconqueue_v1_SubmitJobsRequest__Output, _falconqueue_v1_SubmitJobsResponse__Output>
  TriggerSchedule: MethodDefinition<_falconqueue_v1_TriggerScheduleRequest, _falconqueue_v1_TriggerScheduleResponse, _falconqueue_v1_TriggerScheduleRequest__Output, _falconqueue_v1_TriggerScheduleResponse__Output>
  WatchJobs: MethodDefinition<_falconqueue_v1_WatchJobsRequest, _falconqueue_v1_JobEvent, _falconqueue_v1_WatchJobsRequest__Output, _falconqueue_v1_JobEvent__Output>
  WhoAmI: MethodDefinition<_falconqueue_v1_WhoAmIRequest, _falconqueue_v1_WhoAmIResponse, _falconqueue_v1_WhoAmIRequest__Output, _falconqueue_v1_WhoAmIResponse__Output>
}

// Original file: proto/falconqueue/v1/service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetClusterStatusRequest as _falconqueue_v1_GetClusterStatusRequest, GetClusterStatusRequest__Output as _falconqueue_v1_GetClusterStatusRequest__Output } from '../../falconqueue/v1/GetClusterStatusRequest';
import type { GetClusterStatusResponse as _falconqueue_v1_GetClusterStatusResponse, GetClusterStatusResponse__Output as _falconqueue_v1_GetClusterStatusResponse__Output } from '../../falconqueue/v1/GetClusterStatusResponse';
import type { StepDownRequest as _falconqueue_v1_StepDownRequest, StepDownRequest__Output as _falconqueue_v1_StepDownRequest__Output } from '../../falconqueue/v1/StepDownRequest';
import type { StepDownResponse as _falconqueue_v1_StepDownResponse, StepDownResponse__Output as _falconqueue_v1_StepDownResponse__Output } from '../../falconqueue/v1/StepDownResponse';

/**
 * Cluster mode (docs/ha.md, "Cluster mode"): served by the leader; a standby
 * answers UNAVAILABLE with trailing metadata `falconq-leader: host:port`.
 * Both need role admin on every queue.
 */
export interface ClusterClient extends grpc.Client {
  GetClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  GetClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  getClusterStatus(argument: _falconqueue_v1_GetClusterStatusRequest, callback: grpc.requestCallback<_falconqueue_v1_GetClusterStatusResponse__Output>): grpc.ClientUnaryCall;
  
  StepDown(argument: _falconqueue_v1_StepDownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  StepDown(argument: _falconqueue_v1_StepDownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  StepDown(argument: _falconqueue_v1_StepDownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  StepDown(argument: _falconqueue_v1_StepDownRequest, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  stepDown(argument: _falconqueue_v1_StepDownRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  stepDown(argument: _falconqueue_v1_StepDownRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  stepDown(argument: _falconqueue_v1_StepDownRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  stepDown(argument: _falconqueue_v1_StepDownRequest, callback: grpc.requestCallback<_falconqueue_v1_StepDownResponse__Output>): grpc.ClientUnaryCall;
  
}

/**
 * Cluster mode (docs/ha.md, "Cluster mode"): served by the leader; a standby
 * answers UNAVAILABLE with trailing metadata `falconq-leader: host:port`.
 * Both need role admin on every queue.
 */
export interface ClusterHandlers extends grpc.UntypedServiceImplementation {
  GetClusterStatus: grpc.handleUnaryCall<_falconqueue_v1_GetClusterStatusRequest__Output, _falconqueue_v1_GetClusterStatusResponse>;
  
  StepDown: grpc.handleUnaryCall<_falconqueue_v1_StepDownRequest__Output, _falconqueue_v1_StepDownResponse>;
  
}

export interface ClusterDefinition extends grpc.ServiceDefinition {
  GetClusterStatus: MethodDefinition<_falconqueue_v1_GetClusterStatusRequest, _falconqueue_v1_GetClusterStatusResponse, _falconqueue_v1_GetClusterStatusRequest__Output, _falconqueue_v1_GetClusterStatusResponse__Output>
  StepDown: MethodDefinition<_falconqueue_v1_StepDownRequest, _falconqueue_v1_StepDownResponse, _falconqueue_v1_StepDownRequest__Output, _falconqueue_v1_StepDownResponse__Output>
}

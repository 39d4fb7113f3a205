// Original file: proto/falconqueue/v1/service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AckPosition as _falconqueue_v1_AckPosition, AckPosition__Output as _falconqueue_v1_AckPosition__Output } from '../../falconqueue/v1/AckPosition';
import type { AckResponse as _falconqueue_v1_AckResponse, AckResponse__Output as _falconqueue_v1_AckResponse__Output } from '../../falconqueue/v1/AckResponse';
import type { FollowRequest as _falconqueue_v1_FollowRequest, FollowRequest__Output as _falconqueue_v1_FollowRequest__Output } from '../../falconqueue/v1/FollowRequest';
import type { ReplicationChunk as _falconqueue_v1_ReplicationChunk, ReplicationChunk__Output as _falconqueue_v1_ReplicationChunk__Output } from '../../falconqueue/v1/ReplicationChunk';

/**
 * WAL replication between masters (docs/ha.md, "Replication"). A standby
 * calls Follow on the leader with the end of its own log; the leader streams
 * WAL bytes (whole frames) from there, or first a snapshot file when it no
 * longer holds that position. The standby writes and fdatasyncs them at the
 * same segment and offset, then acknowledges with Ack. Both need role admin.
 */
export interface ReplicationClient extends grpc.Client {
  Ack(argument: _falconqueue_v1_AckPosition, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  Ack(argument: _falconqueue_v1_AckPosition, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  Ack(argument: _falconqueue_v1_AckPosition, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  Ack(argument: _falconqueue_v1_AckPosition, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  ack(argument: _falconqueue_v1_AckPosition, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  ack(argument: _falconqueue_v1_AckPosition, metadata: grpc.Metadata, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  ack(argument: _falconqueue_v1_AckPosition, options: grpc.CallOptions, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  ack(argument: _falconqueue_v1_AckPosition, callback: grpc.requestCallback<_falconqueue_v1_AckResponse__Output>): grpc.ClientUnaryCall;
  
  Follow(argument: _falconqueue_v1_FollowRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_ReplicationChunk__Output>;
  Follow(argument: _falconqueue_v1_FollowRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_ReplicationChunk__Output>;
  follow(argument: _falconqueue_v1_FollowRequest, metadata: grpc.Metadata, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_ReplicationChunk__Output>;
  follow(argument: _falconqueue_v1_FollowRequest, options?: grpc.CallOptions): grpc.ClientReadableStream<_falconqueue_v1_ReplicationChunk__Output>;
  
}

/**
 * WAL replication between masters (docs/ha.md, "Replication"). A standby
 * calls Follow on the leader with the end of its own log; the leader streams
 * WAL bytes (whole frames) from there, or first a snapshot file when it no
 * longer holds that position. The standby writes and fdatasyncs them at the
 * same segment and offset, then acknowledges with Ack. Both need role admin.
 */
export interface ReplicationHandlers extends grpc.UntypedServiceImplementation {
  Ack: grpc.handleUnaryCall<_falconqueue_v1_AckPosition__Output, _falconqueue_v1_AckResponse>;
  
  Follow: grpc.handleServerStreamingCall<_falconqueue_v1_FollowRequest__Output, _falconqueue_v1_ReplicationChunk>;
  
}

export interface ReplicationDefinition extends grpc.ServiceDefinition {
  Ack: MethodDefinition<_falconqueue_v1_AckPosition, _falconqueue_v1_AckResponse, _falconqueue_v1_AckPosition__Output, _falconqueue_v1_AckResponse__Output>
  Follow: MethodDefinition<_falconqueue_v1_FollowRequest, _falconqueue_v1_ReplicationChunk, _falconqueue_v1_FollowRequest__Output, _falconqueue_v1_ReplicationChunk__Output>
}

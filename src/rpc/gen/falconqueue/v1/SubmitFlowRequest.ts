// Original file: proto/falconqueue/v1/service.proto

import type { FlowNode as _falconqueue_v1_FlowNode, FlowNode__Output as _falconqueue_v1_FlowNode__Output } from '../../falconqueue/v1/FlowNode';

export interface SubmitFlowRequest {
  'root'?: (_falconqueue_v1_FlowNode | null);
}

export interface SubmitFlowRequest__Output {
  'root': (_falconqueue_v1_FlowNode__Output | null);
}

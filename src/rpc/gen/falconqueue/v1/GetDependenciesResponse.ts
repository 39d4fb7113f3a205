// Original file: proto/falconqueue/v1/service.proto

import type { DependencyResult as _falconqueue_v1_DependencyResult, DependencyResult__Output as _falconqueue_v1_DependencyResult__Output } from '../../falconqueue/v1/DependencyResult';

export interface GetDependenciesResponse {
  'dependencies'?: (_falconqueue_v1_DependencyResult)[];
}

export interface GetDependenciesResponse__Output {
  'dependencies': (_falconqueue_v1_DependencyResult__Output)[];
}

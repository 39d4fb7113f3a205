// Original file: proto/falconqueue/v1/service.proto

/**
 * What a WAITING job does when a dependency ends FAILED or CANCELLED (or is deleted).
 */
export const DependencyPolicy = {
  DEPENDENCY_POLICY_UNSPECIFIED: 0,
  /**
   * the job FAILS, its error naming the dependency
   */
  DEPENDENCY_POLICY_FAIL: 1,
  /**
   * the job is CANCELLED
   */
  DEPENDENCY_POLICY_CANCEL: 2,
  /**
   * counts as done: the job runs once every dependency finished
   */
  DEPENDENCY_POLICY_RUN_ANYWAY: 3,
} as const;

/**
 * What a WAITING job does when a dependency ends FAILED or CANCELLED (or is deleted).
 */
export type DependencyPolicy =
  | 'DEPENDENCY_POLICY_UNSPECIFIED'
  | 0
  /**
   * the job FAILS, its error naming the dependency
   */
  | 'DEPENDENCY_POLICY_FAIL'
  | 1
  /**
   * the job is CANCELLED
   */
  | 'DEPENDENCY_POLICY_CANCEL'
  | 2
  /**
   * counts as done: the job runs once every dependency finished
   */
  | 'DEPENDENCY_POLICY_RUN_ANYWAY'
  | 3

/**
 * What a WAITING job does when a dependency ends FAILED or CANCELLED (or is deleted).
 */
export type DependencyPolicy__Output = typeof DependencyPolicy[keyof typeof DependencyPolicy]

// The one logger interface every layer takes. consola instances satisfy it;
// the core itself never logs, it only declares the shape.

export interface Logger {
  /** consola's numeric level, when the logger has one: 4 or more means debug lines are written. */
  readonly level?: number;
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

/** Drops everything (tests and embedded use). */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

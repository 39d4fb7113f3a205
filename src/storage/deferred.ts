// A promise with its resolve/reject in hand; many sync() callers share one.

export class Deferred {
  readonly promise: Promise<void>;
  resolve!: () => void;
  reject!: (e: Error) => void;

  constructor() {
    this.promise = new Promise<void>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    // A batch may fail with nobody waiting on it; that is reported through onFatal.
    this.promise.catch(() => {});
  }
}

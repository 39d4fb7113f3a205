// Counters and histograms for the per-transition hot path. prom-client's own
// Counter and Histogram validate and hash the label set on every inc() and
// observe() (~300 ns and a few allocations each); these keep plain numbers
// in a child object the caller caches, so an update is a few array writes,
// and they hand prom-client's registry the same values its own metrics do
// (`get()`: name, help, type, values) at scrape. The registry takes any such
// object (Registry.registerMetric); the exposition is formatted by prom-client.

import type { Metric, Registry } from "prom-client";

type Labels = Record<string, string>;

interface Value {
  labels: Labels;
  value: number;
  metricName?: string;
}

export interface CounterSeries {
  value: number;
}

export interface HistogramSeries {
  /** Observations per bucket (not cumulative); the last slot is above every bound. */
  readonly counts: Float64Array;
  sum: number;
  count: number;
}

abstract class HotMetric<S> {
  readonly aggregator = "sum";
  protected readonly series = new Map<string, { labels: Labels; s: S }>();

  constructor(
    readonly name: string,
    readonly help: string,
    protected readonly labelNames: readonly string[],
    registry: Registry,
  ) {
    registry.registerMetric(this as unknown as Metric);
  }

  /** The series of these label values (in labelNames order), made on first use; cache it. */
  child(...values: string[]): S {
    const key = values.join("\u0000");
    let e = this.series.get(key);
    if (e === undefined) {
      const labels: Labels = {};
      this.labelNames.forEach((n, i) => {
        labels[n] = values[i] as string;
      });
      e = { labels, s: this.make() };
      this.series.set(key, e);
    }
    return e.s;
  }

  protected abstract make(): S;
}

export class HotCounter extends HotMetric<CounterSeries> {
  readonly type = "counter";

  protected make(): CounterSeries {
    return { value: 0 };
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: Value[] } {
    const values: Value[] = [];
    for (const { labels, s } of this.series.values()) values.push({ labels, value: s.value });
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

export class HotHistogram extends HotMetric<HistogramSeries> {
  readonly type = "histogram";

  constructor(name: string, help: string, private readonly bounds: readonly number[], labelNames: readonly string[], registry: Registry) {
    super(name, help, labelNames, registry);
  }

  protected make(): HistogramSeries {
    return { counts: new Float64Array(this.bounds.length + 1), sum: 0, count: 0 };
  }

  /** Counts `v` in `s` (a bucket's bound is inclusive: v <= le). */
  observe(s: HistogramSeries, v: number): void {
    const b = this.bounds;
    let i = 0;
    while (i < b.length && v > (b[i] as number)) i++;
    s.counts[i] = (s.counts[i] as number) + 1;
    s.sum += v;
    s.count++;
  }

  get(): { name: string; help: string; type: string; aggregator: string; values: Value[] } {
    const values: Value[] = [];
    for (const { labels, s } of this.series.values()) {
      let cumulative = 0;
      for (let i = 0; i < this.bounds.length; i++) {
        cumulative += s.counts[i] as number;
        values.push({ labels: { le: String(this.bounds[i]), ...labels }, value: cumulative, metricName: `${this.name}_bucket` });
      }
      values.push({ labels: { le: "+Inf", ...labels }, value: s.count, metricName: `${this.name}_bucket` });
      values.push({ labels, value: s.sum, metricName: `${this.name}_sum` });
      values.push({ labels, value: s.count, metricName: `${this.name}_count` });
    }
    return { name: this.name, help: this.help, type: this.type, aggregator: this.aggregator, values };
  }
}

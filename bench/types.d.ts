// Ambient declarations for untyped packages the benchmarks use (only the parts they use).
// No top-level import or export: this file must stay a script so `declare module` declares a
// module rather than augmenting one.

/** autocannon 8 ships no types; bench/run.js calls it with a callback. */
declare module "autocannon" {
  import { type EventEmitter } from "node:events";

  namespace autocannon {
    interface Options {
      url: string;
      connections?: number;
      /** Seconds. */
      duration?: number;
      headers?: Record<string, string>;
    }
    /** Mean and percentiles of a histogram (latency in ms, requests and bytes per second). */
    interface Histogram {
      average: number;
      mean: number;
      stddev: number;
      min: number;
      max: number;
      p50: number;
      p90: number;
      p99: number;
    }
    /** Requests and throughput also carry the run's total (requests, bytes). */
    interface CountedHistogram extends Histogram {
      total: number;
    }
    interface Result {
      url: string;
      connections: number;
      duration: number;
      requests: CountedHistogram;
      latency: Histogram;
      throughput: CountedHistogram;
      errors: number;
      timeouts: number;
      non2xx: number;
    }
    type Callback = (err: Error | null, result: Result) => void;
  }
  function autocannon(options: autocannon.Options, callback: autocannon.Callback): EventEmitter;
  export = autocannon;
}

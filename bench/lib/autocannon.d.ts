// The subset of autocannon 9 that the benches use (the package ships no types).
declare module "autocannon" {
  type THistogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
  };
  type TRawRequest = {
    method: string;
    path: string;
    headers: Record<string, string>;
    body?: string | Buffer;
  };
  export type TAutocannonOptions = {
    url: string;
    connections?: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    pipelining?: number;
    method?: string;
    headers?: Record<string, string>;
    requests?: {
      method?: string;
      path?: string;
      setupRequest?: (request: TRawRequest, context: Record<string, unknown>) => TRawRequest | null;
      onResponse?: (status: number, body: string) => void;
    }[];
  };
  export type TAutocannonResult = {
    requests: THistogram;
    latency: THistogram;
    throughput: THistogram;
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
    resets: number;
    statusCodeStats: Record<string, { count: number }>;
  };
  type TInstance = Promise<TAutocannonResult> & { stop: () => void };
  function autocannon(options: TAutocannonOptions): TInstance;
  export default autocannon;
}

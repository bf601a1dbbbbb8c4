// What the benchmarks share for timing: a run's duration with its result, and the median of samples.

/** The median of samples (the mean of the middle two for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** How long `run` took (ms), with what it returned. */
export function timeMs<T>(run: () => T): [number, T] {
  const t0 = performance.now();
  const value = run();
  return [performance.now() - t0, value];
}

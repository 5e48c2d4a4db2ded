// What a build measures of itself (time and peak memory per stage), and its forced garbage collections.

/**
 * A full garbage collection, when Node runs with --expose-gc (`npm run build` and `npm start` do; else
 * nothing). Used where the main thread goes on alone through a large archive (above THREADED_RENDER_MAX):
 * between stages and every COLLECT_EVERY pages it renders. At 50,000 articles V8 otherwise sometimes let
 * the heap grow to 770 MB around 435 MB of live objects while rendering, and the peak went from 0.9 GB
 * to 1.03–1.09 GB in five builds of six; with these collections (0.2–0.35 s each) the render stage stays
 * at the text stage's peak (0.79–0.81 GB).
 */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}
export const COLLECT_EVERY = 15_000;

/** Wall time and peak memory (resident set, this process) at the end of each stage. */
export class Stages {
  readonly list: { stage: string; ms: number; peakRssMB: number }[] = [];
  private last = performance.now();
  lap(stage: string): void {
    const now = performance.now();
    this.list.push({ stage, ms: Math.round(now - this.last), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
    this.last = now;
  }
  restart(): void {
    this.last = performance.now();
  }
  add(stage: string, ms: number): void {
    this.list.push({ stage, ms: Math.round(ms), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) });
  }
}

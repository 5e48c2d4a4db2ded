// What a build measures of itself (time and peak memory per stage).

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

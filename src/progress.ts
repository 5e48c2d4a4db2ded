// Progress of a long build: on a terminal one line redrawn in place (stage, count, bar, elapsed time);
// elsewhere (CI logs, pipes) a plain line every tenth of a stage. Small builds and --quiet print nothing.

export interface Progress {
  /** A new stage of `total` items ("articles", "pages"). */
  stage(label: string, total: number, unit: string): void;
  /** `done` items of the current stage are finished. */
  update(done: number): void;
  /** The current stage is over. */
  end(): void;
}

export interface ProgressOptions {
  /** Where to write (stderr by default, so the summary on stdout stays clean). */
  stream?: NodeJS.WriteStream | { isTTY?: boolean; columns?: number; write(s: string): unknown };
  /** Nothing is shown for stages smaller than this. */
  minimum?: number;
  quiet?: boolean;
  now?: () => number;
}

const WIDTH = 24;

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "████████░░░░" for done/total. */
export function bar(done: number, total: number, width = WIDTH): string {
  const full = total ? Math.round((done / total) * width) : width;
  return "█".repeat(full) + "░".repeat(width - full);
}

export function createProgress(o: ProgressOptions = {}): Progress {
  const stream = o.stream ?? process.stderr;
  const minimum = o.minimum ?? 300;
  const now = o.now ?? (() => performance.now());
  const start = now();
  const tty = Boolean(stream.isTTY);
  let label = "";
  let unit = "";
  let total = 0;
  let shown = false;
  let lastDraw = -Infinity;
  let lastTenth = -1;
  const line = (done: number) =>
    `${label}: ${done.toLocaleString("en")}/${total.toLocaleString("en")} ${unit} ${bar(done, total)} ${formatSeconds(now() - start)}`;

  return {
    stage(l, t, u) {
      label = l;
      total = t;
      unit = u;
      shown = !o.quiet && t >= minimum;
      lastDraw = -Infinity;
      lastTenth = -1;
    },
    update(done) {
      if (!shown) return;
      if (tty) {
        const t = now();
        if (t - lastDraw < 100 && done < total) return;
        lastDraw = t;
        stream.write(`\r${line(done)}\x1b[K`);
      } else {
        const tenth = Math.floor((done / total) * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        stream.write(`${line(done)}\n`);
      }
    },
    end() {
      if (shown && tty) stream.write("\n");
      shown = false;
    },
  };
}

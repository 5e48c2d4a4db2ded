// The text stages on a thread of the pool (src/workers.ts TextPool): compiles the registry it is given once,
// then runs each batch of seed files through parsing and the text stages, and returns each article's head
// and JSON (pipeline.ts finish, packDone), the JSON moved to the main thread as one buffer.
import { move, transferableSymbol, valueSymbol, workerData } from "piscina";
import { compile, finish, processFiles } from "./pipeline.ts";
import { packDone, type Job, type TextWorkerData } from "./workers.ts";

const compiled = compile((workerData as TextWorkerData).registry);

export default function textStages(jobs: Job[]) {
  const { packed, transfer } = packDone(processFiles(jobs, compiled).map((r, i) => finish(r, jobs[i]!.key)));
  return move({ [transferableSymbol]: transfer, [valueSymbol]: packed });
}

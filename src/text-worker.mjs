// What the pool's threads load (src/workers.ts TextPool): a thread does not inherit the TypeScript loader
// (tsx) of the main thread, so it registers it, then loads the text stages' code as the main thread does.
import { register } from "tsx/esm/api";

register();
export default (await import("./text-worker.ts")).default;

// What the search index's thread loads (src/workers.ts runTask) when the program runs as TypeScript: a
// thread does not inherit the TypeScript loader (tsx) of the main thread, so it registers it first.
import { register } from "tsx/esm/api";

register();
export default (await import("./search-worker.ts")).default;

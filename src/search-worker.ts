// The search index on a thread of its own (src/workers.ts runTask, src/build/search.ts): a file apart from
// the text stages' (src/text-worker.ts), so that the text threads do not load what the index needs (at
// 10,000 articles, the text stages took 2.5 s longer when their threads loaded it too).
export { searchTask as default } from "./build/search.ts";

// The benchmark's queries (tests/bench/search.ts, search-scale.ts): the query set's, and the examples.
import { SET_QUERIES } from "../search-set.ts";

export const BENCH_QUERIES = [...new Set([...SET_QUERIES.map((q) => q.query), "كيرى", "والرئيس", "لاجئين", "اللاجئين", '"مجلس الأمن"', "الرئيس الروسي", "وزير الخارجية الأمريكي"])];

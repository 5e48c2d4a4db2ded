// Where the tool's own files are: the project folder, the Eleventy config, the templates and the registry.
import { existsSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
/** The Eleventy config: compiled beside this code when it runs compiled (src/run.mjs), else the TypeScript. */
const COMPILED_CONFIG = path.join(import.meta.dirname, "eleventy.config.mjs");
export const CONFIG = existsSync(COMPILED_CONFIG) ? COMPILED_CONFIG : path.join(ROOT, "eleventy.config.ts");
export const TEMPLATES = path.join(ROOT, "templates");

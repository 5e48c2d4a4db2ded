// Where the tool's own files are: the project folder, the Eleventy config, the templates and the registry.
import path from "node:path";

export const ROOT = path.resolve(import.meta.dirname, "..", "..");
export const CONFIG = path.join(ROOT, "eleventy.config.ts");
export const TEMPLATES = path.join(ROOT, "templates");

// Ingest: the only stage that reads input files (seeds and the registry).
export { ingest, listSeedFiles, readSeedBytes, parseSeed, rejection, isContentRejection, decode, frontMatter, language, languageRejection, firstInvalidUtf8, DEFAULT_MAX_BYTES } from "./seeds.ts";
export type { IngestOptions, IngestResult } from "./seeds.ts";
export { loadRegistry, checkRegistry, parseYaml, registryFile, RegistryError, REGISTRY_DIR, REGISTRY_FILES } from "./registry.ts";
export type { ParsedYaml, RegistryCheck, RegistryFileName } from "./registry.ts";

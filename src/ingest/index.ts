// Ingest: the only stage that reads input files (seeds and the registry).
export { ingest, listSeedFiles, readSeedBytes, parseSeed, rejection, isContentRejection, decode, frontMatter, language, languageRejection, firstInvalidUtf8, DEFAULT_MAX_BYTES, FRONT_MATTER_KEYS, vetAssets, readAsset, ASSET_MAX_BYTES } from "./seeds.ts";
export type { IngestOptions, IngestResult, AssetStatus } from "./seeds.ts";
export { loadRegistry, RegistryError, REGISTRY_DIR } from "./registry.ts";

// Ingest: the only stage that reads input files (seeds and the registry).
export { ingest, listSeeds, listSeedFiles, readSeedBytes, parseSeed, rejection, isContentRejection, decode, frontMatter, matterOptions, language, languageRejection, firstInvalidUtf8, DEFAULT_MAX_BYTES, FRONT_MATTER_KEYS, vetAssets, readAsset, ASSET_MAX_BYTES } from "./seeds.ts";
export type { IngestOptions, IngestResult, SeedListing, ListingFs, AssetStatus } from "./seeds.ts";
export { loadRegistry, checkRegistry, registryFile, registryKey, RegistryError, REGISTRY_DIR, REGISTRY_FILES } from "./registry.ts";
export type { RegistryCheck, RegistryFileName } from "./registry.ts";
export { parseYaml, yaml, YamlError } from "./yaml.ts";
export type { ParsedYaml } from "./yaml.ts";

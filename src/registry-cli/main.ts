// The entry point of `npm run registry -- check | accept` (src/registry-cli/index.ts).
import { runRegistryCommand } from "./index.ts";

process.exitCode = runRegistryCommand(process.argv.slice(2));

import { buildApp, synthesizeAll, warningsOf } from "./lib/app";
import { ConfigError } from "./lib/config/errors";
import { environmentsFilePath, loadEnvironmentsFile } from "./lib/config/load-environments";

// Thin entry point: `npm run synth` and the cdktf CLI (`npx tsx main.ts` in cdktf.json) both run this.

// cdktf records a stack trace for every token; with tsx's source maps each frame is mapped, about a
// fifth of synth time at 100 environments (help/performance.md). Error traces then point into the
// transpiled code, which is still enough to find the line.
process.setSourceMapsEnabled(false);

try {
  const environments = loadEnvironmentsFile(environmentsFilePath());
  const { app, stacks } = buildApp(environments);
  synthesizeAll(app, stacks);
  for (const warning of warningsOf(stacks)) console.warn(`warning: ${warning}`);
} catch (error) {
  // Input errors are the user's to fix: the message says what and where, a stack trace would only bury it.
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}

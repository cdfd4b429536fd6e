import { runSynth } from "./stacks/run-synth";

// Thin entry point: `npm run synth` and the cdktf CLI (`npx tsx main.ts` in cdktf.json) both run this.

// cdktf records a stack trace for every token; with tsx's source maps each frame is mapped, about a
// fifth of synth time at 100 environments (help/performance.md). Error traces then point into the
// transpiled code, which is still enough to find the line.
process.setSourceMapsEnabled(false);

process.exitCode = runSynth();

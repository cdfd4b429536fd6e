// First, for its side effect: source maps off before any other module loads (stacks/without-source-maps.ts).
import "./stacks/without-source-maps";
import { runSynth } from "./stacks/run-synth";

// Thin entry point: `npm run synth` and the cdktf CLI (`npx tsx main.ts` in cdktf.json) both run this.

process.exitCode = runSynth();

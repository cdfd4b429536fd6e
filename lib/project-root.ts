import { resolve } from "node:path";

/**
 * The project's folder, where cdktf.json, stacks/ and node_modules/ are, whatever folder a command runs from.
 * Imports only node:path, so any module may use it without loading anything else (the config loader would
 * bring valibot and yaml along).
 */
export const PROJECT_ROOT = resolve(__dirname, "..");

import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { AdoptUsageError } from "../lib/adopt/okta-management-api";
import { ChartCheckError } from "../lib/chart-check/errors";
import { ConfigError } from "../lib/config/errors";
import { internalError, UserError } from "../lib/errors";
import { KeyFileError } from "../lib/keys/public-jwks";
import { SsoSyncUsageError } from "../lib/sso-sync/errors";
import { VerifyUsageError } from "../lib/verify/outputs";
import { SynthValidationError } from "../stacks/app";

const SCRIPTS = resolve(__dirname, "..", "scripts");

describe("one user-error type", () => {
  test("every error for a mistake the user can correct is a UserError", () => {
    const errors: Error[] = [
      new ConfigError("file.yaml", []),
      new ChartCheckError("x"),
      new SsoSyncUsageError("x"),
      new AdoptUsageError("x"),
      new VerifyUsageError("x"),
      new KeyFileError("x"),
      new SynthValidationError("x"),
    ];
    expect(errors.filter((error) => !(error instanceof UserError)).map((error) => error.name)).toEqual([]);
  });

  test("anything else is reported as one short internal-error line with exit code 70, without a stack trace", () => {
    const written: string[] = [];
    const error = new TypeError("Cannot read properties of undefined (reading 'x')");
    error.stack = `${error.message}\n    at f (/work/lib/x.ts:1:2)`;
    expect(internalError("stacks", error, (text) => written.push(text))).toBe(70);
    expect(written).toEqual(["stacks: internal error (not a mistake in your input): Cannot read properties of undefined (reading 'x')\n"]);
  });

  test("every script in scripts/ runs its command through the runner, whose error handling ends with internalError", () => {
    const scripts = readdirSync(SCRIPTS).filter((file) => file.endsWith(".ts"));
    expect(scripts.length).toBeGreaterThan(5);
    const without = scripts.filter((file) => !/\brunFromCommandLine\(/.test(readFileSync(join(SCRIPTS, file), "utf8")));
    expect(without).toEqual([]);
    expect(readFileSync(join(SCRIPTS, "..", "lib", "cli", "run.ts"), "utf8")).toMatch(/\binternalError\(/);
  });
});

import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { rehearse } from "../lib/rehearsal/rehearse";
import { FIXTURE_ENVIRONMENTS_FILE } from "./support/synth";
import { TERRAFORM_MISSING } from "./support/local-terraform";

const REFERENCE_CHARTS = join(__dirname, "..", "..", "shared", "reference");

describe(`npm run rehearse${TERRAFORM_MISSING ? ` [${TERRAFORM_MISSING}]` : ""}`, () => {
  test.skipIf(TERRAFORM_MISSING)(
    "rehearses the protected environment: deploy, sign-in, verify, a destroy Terraform refuses, a cleared folder, exit 0, in a few lines",
    async () => {
      const lines: string[] = [];
      const result = await rehearse({
        environmentsFile: FIXTURE_ENVIRONMENTS_FILE,
        only: ["prod"],
        ...(existsSync(REFERENCE_CHARTS) ? { referenceCharts: REFERENCE_CHARTS } : {}),
        write: (line) => lines.push(line),
      });
      expect(result.exitCode, lines.join("\n")).toBe(0);
      expect(
        lines.filter((line) => line.startsWith("✓")).map((line) => line.replace(/\d+ resources created in \d+ s/, "N resources")),
      ).toEqual([
        "✓ cdktf deploy openmetadata-prod: N resources",
        "✓ prod: rehearsal.user signed in through Okta (SPA, PKCE)",
        expect.stringMatching(/^✓ prod: npm run verify passed \(\d+ checks\)$/),
        "✓ cdktf destroy openmetadata-prod: refused by Terraform, as it would be for real (prevent_destroy on helm_release.openmetadata_release)",
      ]);
      expect(lines.at(-1)).toMatch(/^Rehearsal passed in \d+ s\./);
      expect(lines.length).toBeLessThanOrEqual(12);
      expect(existsSync(result.folder)).toBe(false);
    },
    300_000,
  );
});

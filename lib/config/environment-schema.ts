import { z } from "zod";
import { strictRecord } from "./schema-helpers";
import { adoptSection } from "./sections/adopt";
import { auth0Section } from "./sections/auth0";
import { backendSection } from "./sections/backend";
import { oktaSection } from "./sections/okta";
import { openmetadataSection } from "./sections/openmetadata";
import { topLevelFields } from "./sections/top-level";

/**
 * The schema of one environment, as written in an environments file (JSON or YAML), composed of the
 * sections' schemas (lib/config/sections/). Every optional field's default is applied in
 * `resolveEnvironment`, so a reader of the file sees exactly what they wrote, and the constructs see one
 * fully resolved value.
 */
export const environmentSchema = strictRecord({
  name: topLevelFields.name,
  description: topLevelFields.description,
  openmetadataUrl: topLevelFields.openmetadataUrl,
  target: topLevelFields.target,
  protected: topLevelFields.protected,
  backend: backendSection.optional(),
  // Exactly one of the two: checked in resolveEnvironment, which reports it like any other problem.
  okta: oktaSection.optional(),
  auth0: auth0Section.optional(),
  openmetadata: openmetadataSection.optional(),
  adopt: adoptSection.optional(),
});

export const environmentsFileSchema = strictRecord({
  environments: z
    .array(environmentSchema, {
      error: (issue) => {
        const input = issue.input;
        const dashed = input !== null && typeof input === "object" && Object.keys(input).some((key) => key.startsWith("-"));
        return `expected a list of environments${dashed ? ' (a list item needs a space after the dash: "- name: dev")' : ""}`;
      },
    })
    .min(1, { error: "expected at least one environment" }),
});

export type EnvironmentInput = z.infer<typeof environmentSchema>;
export type EnvironmentsFileInput = z.infer<typeof environmentsFileSchema>;

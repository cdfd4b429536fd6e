import * as v from "valibot";
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
  backend: v.optional(backendSection),
  // Exactly one of the two: checked in resolveEnvironment, which reports it like any other problem.
  okta: v.optional(oktaSection),
  auth0: v.optional(auth0Section),
  openmetadata: v.optional(openmetadataSection),
  adopt: v.optional(adoptSection),
});

export const environmentsFileSchema = strictRecord({
  environments: v.pipe(
    v.array(environmentSchema, (issue) => {
      const input = issue.input;
      const dashed = input !== null && typeof input === "object" && Object.keys(input).some((key) => key.startsWith("-"));
      return `expected a list of environments${dashed ? ' (a list item needs a space after the dash: "- name: dev")' : ""}`;
    }),
    v.minLength(1, "expected at least one environment"),
  ),
});

export type EnvironmentInput = v.InferOutput<typeof environmentSchema>;
export type EnvironmentsFileInput = v.InferOutput<typeof environmentsFileSchema>;

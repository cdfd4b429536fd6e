import * as v from "valibot";
import { baseUrl, bool, nonEmptyString, oneOf, patternString } from "../schema-helpers";

/**
 * The fields of an environment itself (name, description, URL, target, protection): their schema and
 * defaults. The sections beside them (okta, auth0, openmetadata, backend, adopt) are in their own files.
 */

/** Lower-case DNS label: it becomes the stack id `openmetadata-<name>`, the namespace and Okta labels. */
const ENVIRONMENT_NAME = /^[a-z](?:[a-z0-9-]{0,22}[a-z0-9])?$/;
const environmentName = patternString(
  '1-24 characters of a-z, 0-9 and "-", starting with a letter and not ending with "-" (it ' +
    'becomes the stack id "openmetadata-<name>" and a Kubernetes namespace)',
  ENVIRONMENT_NAME,
  (value) =>
    ENVIRONMENT_NAME.test(value.toLowerCase().replace(/[_ .]/g, "-")) ? `write "${value.toLowerCase().replace(/[_ .]/g, "-")}"; ` : "",
);

export const topLevelFields = {
  name: environmentName,
  description: v.optional(nonEmptyString("a description", { freeText: true })),
  openmetadataUrl: baseUrl("https://openmetadata.example.com"),
  target: v.optional(
    oneOf(
      ["kubernetes", "collate"],
      '"kubernetes" deploys OpenMetadata with Helm, "collate" sets up only the identity provider for Collate\'s SaaS',
    ),
  ),
  protected: v.optional(bool()),
};

export const TOP_LEVEL_DEFAULTS = {
  description: (name: string) => `OpenMetadata ${name}`,
  target: "kubernetes",
  protected: false,
} as const;

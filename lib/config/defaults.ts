import { ADOPT_DEFAULTS } from "./sections/adopt";
import { AUTH0_DEFAULTS } from "./sections/auth0";
import { BACKEND_DEFAULTS } from "./sections/backend";
import { OKTA_DEFAULTS } from "./sections/okta";
import { OPENMETADATA_DEFAULTS } from "./sections/openmetadata";
import { PIPELINE_SERVICE_CLIENT_DEFAULTS } from "./sections/pipeline-service-client";
import { TOP_LEVEL_DEFAULTS } from "./sections/top-level";

/**
 * Every default of the environments file, in one table keyed like the schema (`okta.tokens.*` is
 * `DEFAULTS.okta.tokens.*`), so help/configuration.md can be checked against it field by field
 * (__tests__/configuration-doc.test.ts). Each section states its own slice (lib/config/sections/); this
 * composes them. A default that depends on another value is a function of it.
 */
export const DEFAULTS = {
  ...TOP_LEVEL_DEFAULTS,
  backend: BACKEND_DEFAULTS,
  okta: OKTA_DEFAULTS,
  auth0: AUTH0_DEFAULTS,
  openmetadata: { ...OPENMETADATA_DEFAULTS, pipelineServiceClient: PIPELINE_SERVICE_CLIENT_DEFAULTS },
  adopt: ADOPT_DEFAULTS,
} as const;

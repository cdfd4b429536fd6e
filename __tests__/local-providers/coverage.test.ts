import { describe, expect, test } from "vitest";
import { LOCAL_PROVIDERS, providerAddress } from "../../local-providers/catalogue";
import { schemas as auth0 } from "../../local-providers/providers/auth0/schema";
import { schemas as helm } from "../../local-providers/providers/helm/schema";
import { schemas as kubernetes } from "../../local-providers/providers/kubernetes/schema";
import { schemas as okta } from "../../local-providers/providers/okta/schema";
import { schemas as random } from "../../local-providers/providers/random/schema";
import { schemas as tls } from "../../local-providers/providers/tls/schema";
import type { ProviderSchemas } from "../../local-providers/schema/types";
import { loadEnvironmentsFile } from "../../lib/config/load-environments";
import {
  environmentsFromYaml,
  FIXTURE_AUTH0_ENVIRONMENTS_FILE,
  FIXTURE_ENVIRONMENTS_FILE,
  synthEnvironment,
  type TerraformJson,
} from "../support/synth";

// Every stack the fixtures (and the shapes the adopt and Collate tests use) synthesize runs against the
// local providers: each provider it requires is served at exactly that version, and each type it emits
// has its schema there. A new resource type in a construct fails here until its local provider serves it.

const SCHEMAS: Record<string, ProviderSchemas> = { okta, auth0, kubernetes, helm, random, tls };

/** Terraform's reading of a required_providers source: `helm` → registry.terraform.io/hashicorp/helm. */
function fullAddress(source: string): string {
  const parts = source.split("/");
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${source}`;
  return source;
}

const COLLATE_WITH_SERVICE_APP = environmentsFromYaml(`
environments:
  - name: collate-service-app
    target: collate
    openmetadataUrl: https://collate.example.com
    okta:
      orgName: example
      baseUrl: okta.com
      access: { everyone: true }
      serviceApp: { enabled: true, jwksFile: keys/dev-service-app.jwks.json, adminRole: READ_ONLY_ADMIN }
`);

const STACKS: [string, TerraformJson][] = [
  ...loadEnvironmentsFile(FIXTURE_ENVIRONMENTS_FILE),
  ...loadEnvironmentsFile(FIXTURE_AUTH0_ENVIRONMENTS_FILE),
  ...COLLATE_WITH_SERVICE_APP,
].map((environment): [string, TerraformJson] => [environment.stackId, synthEnvironment(environment).json]);

describe("the local providers cover every stack", () => {
  test.each(STACKS)("%s requires only providers served locally, at the versions they serve", (_stackId, json) => {
    const required = json.terraform["required_providers"] as Record<string, { source: string; version: string }>;
    for (const [name, { source, version }] of Object.entries(required)) {
      const local = LOCAL_PROVIDERS.find((provider) => providerAddress(provider) === fullAddress(source));
      expect(local, `no local provider for ${name} (${source})`).toBeDefined();
      expect(local!.version, `${source}`).toBe(version);
      expect(SCHEMAS[local!.name]!.version).toBe(version);
      expect(SCHEMAS[local!.name]!.address).toBe(fullAddress(source));
    }
  });

  test.each(STACKS)("every resource and data source type %s emits has its real schema in the local provider", (_stackId, json) => {
    const served = (type: string, kind: "resources" | "dataSources") =>
      Object.values(SCHEMAS).some((schemas) => schemas[kind][type] !== undefined);
    const missing = [
      ...Object.keys(json.resource).filter((type) => !served(type, "resources")),
      ...Object.keys(json.data ?? {})
        .map((type) => `data.${type}`)
        .filter((type) => !served(type.slice(5), "dataSources")),
    ];
    expect(missing).toEqual([]);
  });

  test("each served type records where its schema was read: repository, tag and file:line", () => {
    for (const schemas of Object.values(SCHEMAS)) {
      for (const [type, schema] of [...Object.entries(schemas.resources), ...Object.entries(schemas.dataSources)]) {
        expect(schema.source, type).toMatch(new RegExp(`@v${schemas.version.replace(/\./g, "\\.")}\\b.*:\\d+`));
      }
    }
  });
});

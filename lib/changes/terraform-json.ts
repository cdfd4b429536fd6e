import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { UserError } from "../errors";
import { flowOfApplicationType, identityProvider } from "../identity-providers/by-name";
import type { IdentityProviderName } from "../identity-providers/conventions";

/**
 * The synthesized `cdk.tf.json` of one stack, as much of it as the change summary reads. Plain JSON:
 * nothing here loads a construct, a provider binding or a package (the summary is bundled into
 * .github/ci/ci-plan.cjs; the release's YAML values are read in release-values.ts).
 */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly terraform?: { readonly backend?: Record<string, unknown> };
}

export interface Resource {
  /** `type.name`, as Terraform addresses it. */
  readonly address: string;
  readonly type: string;
  readonly name: string;
  readonly config: Record<string, unknown>;
}

/** Where cdktf writes a stack's synthesized JSON: `<outdir>/stacks/<stack>/cdk.tf.json`. */
export function stackJsonPath(outdir: string, stack: string): string {
  return join(outdir, "stacks", stack, "cdk.tf.json");
}

export function readStackJson(outdir: string, stack: string): StackJson | undefined {
  const path = stackJsonPath(outdir, stack);
  if (!existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8")) as StackJson;
  } catch (error) {
    throw new UserError(`${path} is not JSON (${(error as Error).message}): synthesize again with npm run synth`);
  }
}

/** Every resource and data source, data sources addressed `data.type.name` as Terraform does. */
export function resourcesOf(json: StackJson | undefined): Map<string, Resource> {
  const found = new Map<string, Resource>();
  for (const [kind, prefix] of [
    [json?.resource, ""],
    [json?.data, "data."],
  ] as const)
    for (const [type, byName] of Object.entries(kind ?? {}))
      for (const [name, config] of Object.entries(byName)) {
        const address = `${prefix}${type}.${name}`;
        found.set(address, { address, type: `${prefix}${type}`, name, config });
      }
  return found;
}

/** The OpenMetadata release (Kubernetes target only). */
export function openMetadataRelease(json: StackJson | undefined): Resource | undefined {
  return resourcesOf(json).get("helm_release.openmetadata_release");
}

export type IdentityProvider = IdentityProviderName;

export function identityProviderOf(json: StackJson | undefined): IdentityProvider | undefined {
  const types = Object.keys(json?.resource ?? {});
  if (types.some((type) => type.startsWith("okta_"))) return "okta";
  if (types.some((type) => type.startsWith("auth0_"))) return "auth0";
  return undefined;
}

/** The user-facing app: Okta's OIDC app or Auth0's application (not the service app). */
export function userApp(json: StackJson | undefined): Resource | undefined {
  for (const resource of resourcesOf(json).values())
    if ((resource.type === "okta_app_oauth" && !resource.name.includes("service-app")) || resource.type === "auth0_client") return resource;
  return undefined;
}

/** "SPA (public, PKCE)" or "Web (confidential)", from the app as synthesized. */
export function flowOf(json: StackJson | undefined): string | undefined {
  const app = userApp(json)?.config;
  if (!app) return undefined;
  const kind = app["type"] ?? app["app_type"];
  const flow = flowOfApplicationType(kind);
  if (flow === "spa") return "SPA flow (public client, PKCE)";
  if (flow === "web") return "Web flow (confidential client)";
  return `app type ${String(kind)}`;
}

/** Whether any resource is protected from destroy (prod). */
export function isProtected(json: StackJson | undefined): boolean {
  for (const resource of resourcesOf(json).values()) {
    const lifecycle = resource.config["lifecycle"] as { prevent_destroy?: unknown } | undefined;
    if (lifecycle?.prevent_destroy === true) return true;
  }
  return false;
}

/**
 * What a stack holds, in one short line: identity provider and flow, Kubernetes or Collate, protected
 * or not, state backend. `npm run synth` ends each `wrote` line with it.
 */
export function holdsLine(json: StackJson | undefined): string {
  const provider = identityProviderOf(json);
  const providerText = provider ? identityProvider(provider).displayName : "no identity provider";
  const flow = flowOf(json)?.replace(/ \(.*\)$/, "");
  const target = openMetadataRelease(json) ? "Kubernetes" : "Collate (identity provider only)";
  const backend = Object.keys(json?.terraform?.backend ?? {})[0] ?? "local";
  const state = { remote: "HCP Terraform", cloud: "HCP Terraform", local: "local" }[backend] ?? backend.toUpperCase();
  return [`${providerText}${flow ? ` ${flow}` : ""}`, target, isProtected(json) ? "protected" : "not protected", `${state} state`].join(
    ", ",
  );
}

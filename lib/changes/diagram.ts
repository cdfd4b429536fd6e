import { identityProvider } from "../identity-providers/by-name";
import type { Change, DiagramNode } from "./change";
import { flowOf, identityProviderOf, openMetadataRelease, resourcesOf, type StackJson } from "./terraform-json";

/**
 * A stack's wiring as a Mermaid flowchart (GitHub renders it in comments and Markdown files):
 * who may sign in → the identity-provider app → authorization server → policy and rules →
 * OpenMetadata's values and Secrets → the release. The boxes a change touches are highlighted.
 * Labels name objects and settings only, never a value that could be secret.
 */

const label = (text: string) => text.replace(/["<>]/g, "'");

export function wiringDiagram(json: StackJson | undefined, changes: readonly Change[] = []): string {
  // A stack with no identity provider resource is drawn as Okta's, the layout the diagram was made for.
  const provider = identityProvider(identityProviderOf(json) ?? "okta");
  const resources = [...resourcesOf(json).values()];
  const groups = resources.filter((resource) => resource.type === "data.okta_group" || resource.type === "data.auth0_connection");
  const groupNames = groups.map((resource) => String(resource.config["name"])).join(", ");
  const hasServer = resources.some((resource) => resource.type === "okta_auth_server");
  const hasService = resources.some((resource) => resource.type === "okta_app_oauth" && resource.name.includes("service-app"));
  const kubernetes = openMetadataRelease(json) !== undefined;

  const nodes = new Map<DiagramNode, string>();
  const edges: string[] = [];
  nodes.set("groups", `${provider.wording.accessLabel}: ${groupNames || "none named"}`);
  nodes.set("app", `${provider.displayName} app: ${flowOf(json) ?? "none"}`);
  if (hasServer) {
    nodes.set("server", "Authorization server: issuer, audience, scopes, claims");
    nodes.set("policy", "Access policy and rules: grants, scopes, token lifetimes");
  }
  if (hasService) nodes.set("service", "Service app: private_key_jwt, client_credentials");
  if (kubernetes) {
    nodes.set("values", "OpenMetadata values: authentication, authorizer");
    nodes.set("secrets", "Secrets: database, Fernet, JWT keys");
    nodes.set("release", "Helm release openmetadata");
  } else nodes.set("release", "Collate: its SSO settings are sent by hand");

  edges.push("groups --> app");
  if (hasServer) {
    edges.push("app --> server", "server --> policy", "policy --> values".replace("values", kubernetes ? "values" : "release"));
    if (hasService) edges.push("service --> server");
  } else edges.push(`app --> ${kubernetes ? "values" : "release"}`);
  if (kubernetes) edges.push("values --> release", "secrets --> release");

  const touched = new Set(changes.map((change) => change.node).filter((node) => nodes.has(node)));
  const lines = ["flowchart LR", ...[...nodes].map(([id, text]) => `  ${id}["${label(text)}"]`), ...edges.map((edge) => `  ${edge}`)];
  if (touched.size > 0) {
    lines.push("  classDef changed fill:#ffe3b3,stroke:#d9480f,stroke-width:3px");
    lines.push(`  class ${[...touched].join(",")} changed`);
  }
  return lines.join("\n");
}

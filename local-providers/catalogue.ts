/**
 * The local providers: one executable each, installed under the registry address and version the
 * stacks pin in `required_providers` (a test checks both against the synthesized stacks and against
 * each provider's schema).
 */
export interface LocalProvider {
  /** The folder under local-providers/providers/ and the bundle's name. */
  readonly name: string;
  /** Registry host/namespace/type, as Terraform resolves the stacks' `source`. */
  readonly hostname: "registry.terraform.io";
  readonly namespace: string;
  readonly type: string;
  readonly version: string;
}

export const LOCAL_PROVIDERS: readonly LocalProvider[] = [
  { name: "okta", hostname: "registry.terraform.io", namespace: "okta", type: "okta", version: "6.12.0" },
  { name: "auth0", hostname: "registry.terraform.io", namespace: "auth0", type: "auth0", version: "1.55.0" },
  { name: "kubernetes", hostname: "registry.terraform.io", namespace: "hashicorp", type: "kubernetes", version: "2.38.0" },
  { name: "helm", hostname: "registry.terraform.io", namespace: "hashicorp", type: "helm", version: "3.1.1" },
  { name: "random", hostname: "registry.terraform.io", namespace: "hashicorp", type: "random", version: "3.7.2" },
  { name: "tls", hostname: "registry.terraform.io", namespace: "hashicorp", type: "tls", version: "4.1.0" },
];

export function providerAddress(provider: LocalProvider): string {
  return `${provider.hostname}/${provider.namespace}/${provider.type}`;
}

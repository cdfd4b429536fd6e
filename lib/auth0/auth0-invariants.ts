/**
 * The invariants of the Auth0 constructs, as pure functions that import nothing. Auth0SingleSignOn enforces
 * them; lib/config/sections/auth0.ts calls the same functions to report a broken rule with its file and field,
 * all at once, before any construct exists. Each rule is written here only.
 */

/** The construct id suffix (and so Terraform address) of a connection: characters Terraform names do not allow become "_". */
export function connectionIdSuffix(name: string): string {
  return name.replace(/[^A-Za-z0-9-]/g, "_");
}

/**
 * The first connection whose construct id an earlier one already takes: the same name twice (two enablements
 * of one pair would fight), or two names that differ only in characters a Terraform name does not allow.
 */
export function connectionIdClash(
  names: readonly string[],
): { readonly first: string; readonly second: string; readonly suffix: string } | undefined {
  const seen = new Map<string, string>();
  for (const name of names) {
    const suffix = connectionIdSuffix(name);
    const first = seen.get(suffix);
    if (first !== undefined) return { first, second: name, suffix };
    seen.set(suffix, name);
  }
  return undefined;
}

/** What a clash of two different names means and how to fix it. */
export function connectionIdClashMessage(clash: { readonly first: string; readonly second: string; readonly suffix: string }): string {
  return (
    `Auth0 connections ${JSON.stringify(clash.first)} and ${JSON.stringify(clash.second)} would ` +
    `share the Terraform address suffix ${clash.suffix}; rename one in Auth0`
  );
}

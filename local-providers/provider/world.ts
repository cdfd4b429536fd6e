/**
 * The local world: the Okta orgs, Auth0 tenants and clusters the local providers act on, as plain JSON
 * files under one folder, so a test (or a person) can look at what an apply made.
 *
 * Layout: <world>/<provider>/<tenant>/<collection>/<id>.json, one file per object, written by rename,
 * so stacks applied in parallel against the same org never overwrite each other's objects.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";

/** The environment variable that names the world folder; Terraform passes it on to each provider process. */
export const WORLD_VARIABLE = "OPENMETADATA_LOCAL_WORLD";

export type WorldObject = { readonly [name: string]: unknown };

/** File-name safe: tenants and ids come from configuration (org names, domains, contexts). */
function safeName(name: string): string {
  return encodeURIComponent(name).replace(/\./g, "%2E").replace(/^%2E/, "%2E");
}

export class WorldTenant {
  readonly folder: string;

  constructor(
    readonly world: string,
    readonly provider: string,
    readonly name: string,
  ) {
    this.folder = join(world, provider, safeName(name));
  }

  private collectionFolder(collection: string): string {
    return join(this.folder, collection);
  }

  get<T extends WorldObject = WorldObject>(collection: string, id: string): T | undefined {
    try {
      return JSON.parse(readFileSync(join(this.collectionFolder(collection), `${safeName(id)}.json`), "utf8")) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  list<T extends WorldObject = WorldObject>(collection: string): T[] {
    let names: string[];
    try {
      names = readdirSync(this.collectionFolder(collection)).filter((name) => name.endsWith(".json"));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    return names
      .sort()
      .map((name) => this.get<T>(collection, decodeURIComponent(name.slice(0, -".json".length))))
      .filter((object): object is T => object !== undefined);
  }

  put(collection: string, id: string, object: WorldObject): void {
    const folder = this.collectionFolder(collection);
    mkdirSync(folder, { recursive: true });
    const target = join(folder, `${safeName(id)}.json`);
    const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(object, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, target);
  }

  delete(collection: string, id: string): boolean {
    const target = join(this.collectionFolder(collection), `${safeName(id)}.json`);
    try {
      rmSync(target);
      return true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
      throw error;
    }
  }
}

/** The world folder named by OPENMETADATA_LOCAL_WORLD; a local provider refuses to run without one. */
export function worldFolder(env: NodeJS.ProcessEnv): string {
  const folder = env[WORLD_VARIABLE];
  if (!folder) {
    throw new Error(`${WORLD_VARIABLE} is not set: a local provider needs the folder of its local world`);
  }
  return folder;
}

/** Ids as the real services make them: Okta's 20-character ids start with a type prefix ("0oa", "aus"). */
export function oktaId(prefix: string): string {
  const alphabet = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const bytes = randomBytes(20 - prefix.length);
  return prefix + [...bytes].map((byte) => alphabet[byte % alphabet.length]).join("");
}

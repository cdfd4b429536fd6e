/**
 * The local hashicorp/random v3.7.2: values drawn locally, as the real provider draws them, and kept in
 * state only. No world: the real provider talks to nothing (its Configure does nothing,
 * internal/provider/provider.go:31), so neither does this one.
 */
import type { ProviderBehaviour } from "../../provider/behaviour";
import type { TypeSchema } from "../../schema/types";
import { bytesResource, idResource } from "./bytes-and-id";
import { schemas } from "./schema";
import { passwordResource, stringResource } from "./strings";

const blockOf = (type: string) => (schemas.resources[type] as TypeSchema).block;

export const provider: ProviderBehaviour = {
  schemas,
  configure: (config) => ({ config }),
  resources: {
    random_bytes: bytesResource(),
    random_id: idResource(blockOf("random_id")),
    random_password: passwordResource(blockOf("random_password")),
    random_string: stringResource(blockOf("random_string")),
  },
  dataSources: {},
};

/**
 * data "auth0_connection" (internal/auth0/connection/data_source.go@v1.55.0): a connection of the tenant
 * by `connection_id`, or by exact `name` among all of them, with the clients enabled on it unless
 * `skip_enabled_clients` is true.
 */
import { ProviderDiagnostic, type DataSourceBehaviour, type Diagnostic } from "../../provider/behaviour";
import { boolAt, stringAt, type ObjectValue } from "../../provider/values";
import { fromApi } from "./convert";
import { CONNECTION_DATA_SOURCE_SCHEMA } from "./schema";
import {
  apiError,
  AUTH0_COLLECTIONS,
  CONNECTION_NOT_FOUND,
  enabledClientIds,
  getConnection,
  tenantOf,
  type WorldConnection,
} from "./tenant";
import { atLeastOneOf } from "./validation";

/** AtLeastOneOf on both `connection_id` and `name` (data_source.go:29,34): each reports it. */
function validateConnectionLookup(config: ObjectValue): Diagnostic[] {
  return [...atLeastOneOf(config, "connection_id", ["connection_id", "name"]), ...atLeastOneOf(config, "name", ["connection_id", "name"])];
}

function findConnection(config: ObjectValue, connections: () => WorldConnection[], byId: (id: string) => WorldConnection | undefined) {
  const connectionId = stringAt(config, "connection_id") ?? "";
  if (connectionId !== "") {
    // api.Connection.Read, its error as it is (data_source.go:62-65).
    const connection = byId(connectionId);
    if (!connection) throw apiError(404, CONNECTION_NOT_FOUND);
    return connection;
  }
  const name = stringAt(config, "name") ?? "";
  // Every page of GET /connections, an exact name match only (data_source.go:88-122).
  const connection = connections().find((candidate) => candidate.name === name);
  if (!connection) throw new ProviderDiagnostic(`No connection found with "name" = ${JSON.stringify(name)}`);
  return connection;
}

export const connectionDataSourceBehaviour: DataSourceBehaviour = {
  validate: validateConnectionLookup,

  read(config, context) {
    const tenant = tenantOf(context);
    const connection = findConnection(
      config,
      () => tenant.list<WorldConnection>(AUTH0_COLLECTIONS.connections),
      (id) => getConnection(tenant, id),
    );
    const skipEnabledClients = boolAt(config, "skip_enabled_clients") ?? false;
    // flattenConnection (flatten.go:64) over the API object; `options` is what the seed gave, in attribute names.
    const flattened = fromApi(connection, CONNECTION_DATA_SOURCE_SCHEMA);
    return {
      ...flattened,
      id: connection.id,
      connection_id: config["connection_id"] ?? null,
      name: connection.name,
      skip_enabled_clients: skipEnabledClients,
      // flattenConnectionForDataSource (flatten.go:91): empty when the enabled clients were skipped.
      enabled_clients: skipEnabledClients ? [] : enabledClientIds(tenant, connection.id),
    };
  },
};

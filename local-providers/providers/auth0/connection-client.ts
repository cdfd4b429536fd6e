/**
 * auth0_connection_client (internal/auth0/connection/resource_client.go@v1.55.0): enables one client on
 * one connection and leaves the connection's other clients alone (PATCH /connections/{id}/clients with
 * that one client, :64-71). Both arguments force a new resource; there is no update. Id and import id:
 * "<connection_id>::<client_id>" (internal/schema/importer.go).
 */
import { ProviderDiagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { stringAt, type ObjectValue } from "../../provider/values";
import {
  apiError,
  AUTH0_COLLECTIONS,
  CONNECTION_NOT_FOUND,
  connectionClientKey,
  enableClient,
  enabledClientIds,
  existingClient,
  getConnection,
  tenantOf,
} from "./tenant";

/** readConnectionClient (:78-112): gone when the connection is gone or the client is no longer enabled on it. */
function connectionClientState(connectionId: string, clientId: string, context: ProviderContext): ObjectValue | null {
  const tenant = tenantOf(context);
  const connection = getConnection(tenant, connectionId);
  if (!connection || !enabledClientIds(tenant, connectionId).includes(clientId)) return null;
  return {
    id: connectionClientKey(connectionId, clientId),
    connection_id: connectionId,
    client_id: clientId,
    name: connection.name,
    strategy: connection.strategy,
  };
}

/**
 * ImportResourceGroupID("connection_id", "client_id") (internal/schema/importer.go:18-41): the two
 * parts around "::", with its two errors.
 */
export function parseConnectionClientId(id: string): { connectionId: string; clientId: string } {
  if (id === "") throw new ProviderDiagnostic("ID cannot be empty");
  const parts = id.split("::");
  if (!id.includes("::") || parts.length !== 2) throw new ProviderDiagnostic("ID must be formatted as <connection_id>::<client_id>");
  return { connectionId: parts[0]!, clientId: parts[1]! };
}

export const connectionClientBehaviour: ResourceBehaviour = {
  create(_planned, context, config) {
    const tenant = tenantOf(context);
    const connectionId = stringAt(config, "connection_id") ?? "";
    const clientId = stringAt(config, "client_id") ?? "";
    // Auth0 answers 404 for an unknown connection; the provider's HandleAPIError then drops the id and
    // Terraform reports the object missing after apply. The apply fails either way; here with the API's words.
    if (!getConnection(tenant, connectionId)) throw apiError(404, CONNECTION_NOT_FOUND);
    // Auth0's wording for an unknown client in this PATCH is not recorded; the client 404 stands for it.
    existingClient(tenant, clientId);
    enableClient(tenant, connectionId, clientId);
    const state = connectionClientState(connectionId, clientId, context);
    if (!state) throw new Error(`auth0_connection_client: ${connectionId}::${clientId} was not enabled`);
    return state;
  },

  read(state, context) {
    return connectionClientState(stringAt(state, "connection_id") ?? "", stringAt(state, "client_id") ?? "", context);
  },

  /** Not reachable from a plan (every argument forces a new resource; resource_client.go:44-46 declares no update): the state is read again. */
  update(planned, _prior, context) {
    const state = connectionClientState(stringAt(planned, "connection_id") ?? "", stringAt(planned, "client_id") ?? "", context);
    if (!state) throw apiError(404, CONNECTION_NOT_FOUND);
    return state;
  },

  /** deleteConnectionClient (:114-136): that one client disabled; a connection already gone is fine (HandleAPIError). */
  delete(prior, context) {
    const connectionId = stringAt(prior, "connection_id") ?? "";
    const clientId = stringAt(prior, "client_id") ?? "";
    tenantOf(context).delete(AUTH0_COLLECTIONS.connectionClients, connectionClientKey(connectionId, clientId));
  },

  import(id) {
    const { connectionId, clientId } = parseConnectionClientId(id);
    // The importer keeps the given id and sets the two attributes; the read that follows checks them.
    return { id, connection_id: connectionId, client_id: clientId };
  },
};

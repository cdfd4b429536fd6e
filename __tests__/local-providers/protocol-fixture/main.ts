// A provider that exists only for the protocol tests: one resource with every kind of attribute the
// generic layer handles (required, optional with a default, computed, forceNew, a nested list block),
// storing its objects in the world so read, import and destroy can be observed.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { serveProvider } from "../../../local-providers/protocol/serve";
import { ProviderDiagnostic, type ProviderBehaviour } from "../../../local-providers/provider/behaviour";
import { stringAt, type ObjectValue } from "../../../local-providers/provider/values";
import { WorldTenant, worldFolder } from "../../../local-providers/provider/world";

const tenantOf = (env: NodeJS.ProcessEnv) => new WorldTenant(worldFolder(env), "probe", "default");

const provider: ProviderBehaviour = {
  schemas: {
    address: "registry.terraform.io/test/probe",
    version: "1.0.0",
    legacyTypeSystem: false,
    provider: { source: "test", version: 0, block: { attributes: { token: { type: "string", optional: true, sensitive: true } } } },
    resources: {
      probe_thing: {
        source: "test",
        version: 0,
        block: {
          attributes: {
            id: { type: "string", computed: true },
            label: { type: "string", required: true, forceNew: true },
            note: { type: "string", optional: true },
            size: { type: "number", optional: true, computed: true, default: 3 },
            secret: { type: "string", computed: true, sensitive: true },
          },
          blocks: {
            meta: {
              nesting: "list",
              maxItems: 1,
              block: { attributes: { tag: { type: "string", optional: true }, uid: { type: "string", computed: true } } },
            },
          },
        },
      },
    },
    dataSources: {},
  },
  configure(config, env) {
    if (!stringAt(config, "token")) throw new ProviderDiagnostic("Missing token", "the probe provider needs a token");
    return { config, tenant: tenantOf(env) };
  },
  resources: {
    probe_thing: {
      validate(config) {
        return stringAt(config, "label") === "forbidden"
          ? [{ severity: "error", summary: "label is forbidden", attribute: ["label"] }]
          : [];
      },
      create(planned, context) {
        const id = randomUUID();
        const state: ObjectValue = {
          ...planned,
          id,
          secret: `s-${id}`,
          meta: (planned["meta"] as ObjectValue[]).map((meta) => ({ ...meta, uid: `uid-${id}` })),
        };
        context.tenant!.put("things", id, state);
        return state;
      },
      read: (state, context) => (context.tenant!.get("things", String(state["id"])) as ObjectValue | undefined) ?? null,
      update(planned, _prior, context) {
        context.tenant!.put("things", String(planned["id"]), planned);
        return planned;
      },
      delete(prior, context) {
        context.tenant!.delete("things", String(prior["id"]));
      },
      import: (id) => ({ id }),
    },
  },
  dataSources: {},
};

serveProvider(provider, { protocolDirectory: __dirname, tlsDirectory: join(__dirname, "tls") });

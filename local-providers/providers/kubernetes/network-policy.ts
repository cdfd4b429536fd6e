/**
 * kubernetes_network_policy_v1: hashicorp/terraform-provider-kubernetes@v2.38.0
 * kubernetes/resource_kubernetes_network_policy_v1.go with kubernetes/structure_network_policy.go (expand
 * 112-267, flatten 18-108) and structure_label_selector.go. The world stores the API object
 * (networking.k8s.io/v1 NetworkPolicy). API rules: kubernetes/kubernetes pkg/apis/networking/validation
 * ValidateNetworkPolicy (NameIsDNSSubdomain, ValidateNetworkPolicyPort, peers, policyTypes) and
 * apimachinery@v0.28.6 pkg/apis/meta/v1/validation/validation.go:56-113 (label selectors).
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderContext, type ResourceBehaviour } from "../../provider/behaviour";
import { firstBlock, isObjectValue, listAt, stringListAt, valuesEqual, type ObjectValue, type Value } from "../../provider/values";
import { COLLECTIONS, namespacedId, nextResourceVersion, type ObjectMeta } from "./cluster";
import { expandMetadata, flattenMetadata, objectMetaErrors, patchedMetadata, validateMetadata } from "./metadata";
import { admitCreate, createRequest, deleteObject, locate, readObject, type NamespacedKind } from "./namespaced";
import {
  forbidden,
  goQuote,
  invalid,
  invalidObjectMessage,
  isQualifiedName,
  isValidLabelValue,
  isValidPortName,
  isValidPortNum,
  nameIsDnsSubdomain,
  notSupported,
  required,
  type FieldError,
} from "./validation";

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}
interface PolicyPort {
  port?: number | string;
  endPort?: number;
  protocol?: string;
}
interface PolicyPeer {
  ipBlock?: { cidr: string; except?: string[] };
  namespaceSelector?: LabelSelector;
  podSelector?: LabelSelector;
}
interface PolicySpec {
  podSelector: LabelSelector;
  ingress?: { ports?: PolicyPort[]; from?: PolicyPeer[] }[];
  egress?: { ports?: PolicyPort[]; to?: PolicyPeer[] }[];
  policyTypes: string[];
}
export type StoredNetworkPolicy = {
  apiVersion: "networking.k8s.io/v1";
  kind: "NetworkPolicy";
  metadata: ObjectMeta;
  spec: PolicySpec;
};

const objects = (value: Value | undefined): ObjectValue[] => (Array.isArray(value) ? (value as Value[]).filter(isObjectValue) : []);

/** structure_label_selector.go:49-95 expandLabelSelector. */
function expandSelector(value: Value | undefined): LabelSelector {
  const selector = objects(value)[0];
  if (!selector) return {};
  const result: LabelSelector = {};
  const labels = selector["match_labels"];
  if (isObjectValue(labels) && Object.keys(labels).length > 0) result.matchLabels = labels as Record<string, string>;
  const expressions = objects(selector["match_expressions"]);
  if (expressions.length > 0) {
    result.matchExpressions = expressions.map((expression) => ({
      key: typeof expression["key"] === "string" ? expression["key"] : "",
      operator: typeof expression["operator"] === "string" ? expression["operator"] : "",
      values: stringListAt(expression, "values"),
    }));
  }
  return result;
}

/** structure_network_policy.go:194-214: port through intstr.Parse (digits make a number), end_port when not 0, protocol when set. */
function expandPorts(value: Value | undefined): PolicyPort[] {
  return objects(value).map((port) => {
    const result: PolicyPort = {};
    const text = port["port"];
    if (typeof text === "string" && text.length > 0) result.port = /^[+-]?\d+$/.test(text) ? Number(text) : text;
    if (typeof port["end_port"] === "number" && port["end_port"] !== 0) result.endPort = port["end_port"];
    if (typeof port["protocol"] === "string" && port["protocol"] !== "") result.protocol = port["protocol"];
    return result;
  });
}

/** structure_network_policy.go:216-259. */
function expandPeers(value: Value | undefined): PolicyPeer[] {
  return objects(value).map((peer) => {
    const result: PolicyPeer = {};
    const ipBlock = objects(peer["ip_block"])[0];
    if (ipBlock) {
      result.ipBlock = { cidr: typeof ipBlock["cidr"] === "string" ? ipBlock["cidr"] : "" };
      const except = stringListAt(ipBlock, "except");
      if (except.length > 0) result.ipBlock.except = except;
    }
    if (objects(peer["namespace_selector"]).length > 0) result.namespaceSelector = expandSelector(peer["namespace_selector"]);
    if (objects(peer["pod_selector"]).length > 0) result.podSelector = expandSelector(peer["pod_selector"]);
    return result;
  });
}

/** structure_network_policy.go:112-142 expandNetworkPolicyV1Spec. */
function expandSpec(resource: ObjectValue): PolicySpec {
  const spec = firstBlock(resource, "spec") ?? {};
  const result: PolicySpec = { podSelector: expandSelector(spec["pod_selector"]), policyTypes: stringListAt(spec, "policy_types") };
  const ingress = objects(spec["ingress"]);
  if (ingress.length > 0) {
    result.ingress = ingress.map((rule) => {
      const ports = expandPorts(rule["ports"]);
      const from = expandPeers(rule["from"]);
      return { ...(ports.length > 0 ? { ports } : {}), ...(from.length > 0 ? { from } : {}) };
    });
  }
  const egress = objects(spec["egress"]);
  if (egress.length > 0) {
    result.egress = egress.map((rule) => {
      const ports = expandPorts(rule["ports"]);
      const to = expandPeers(rule["to"]);
      return { ...(ports.length > 0 ? { ports } : {}), ...(to.length > 0 ? { to } : {}) };
    });
  }
  return result;
}

/** structure_label_selector.go:13-45; an empty `values` set reads as null, as SDKv2 keeps an unset set. */
function flattenSelector(selector: LabelSelector): Value[] {
  const result: Record<string, Value> = {};
  if (selector.matchLabels && Object.keys(selector.matchLabels).length > 0) result["match_labels"] = selector.matchLabels;
  if (selector.matchExpressions && selector.matchExpressions.length > 0) {
    result["match_expressions"] = selector.matchExpressions.map((expression) => ({
      key: expression.key,
      operator: expression.operator,
      values: expression.values && expression.values.length > 0 ? [...new Set(expression.values)].sort() : null,
    }));
  }
  return [result];
}

function flattenPorts(ports: readonly PolicyPort[]): Value[] {
  return ports.map((port) => ({
    ...(port.port === undefined ? {} : { port: String(port.port) }),
    ...(port.endPort ? { end_port: port.endPort } : {}),
    ...(port.protocol ? { protocol: port.protocol } : {}),
  }));
}

function flattenPeers(peers: readonly PolicyPeer[]): Value[] {
  return peers.map((peer) => ({
    ...(peer.ipBlock
      ? {
          ip_block: [
            {
              ...(peer.ipBlock.cidr ? { cidr: peer.ipBlock.cidr } : {}),
              ...(peer.ipBlock.except?.length ? { except: peer.ipBlock.except } : {}),
            },
          ],
        }
      : {}),
    ...(peer.namespaceSelector ? { namespace_selector: flattenSelector(peer.namespaceSelector) } : {}),
    ...(peer.podSelector ? { pod_selector: flattenSelector(peer.podSelector) } : {}),
  }));
}

/** structure_network_policy.go:18-31 flattenNetworkPolicyV1Spec. */
function flattenSpec(spec: PolicySpec): Value[] {
  return [
    {
      ingress: (spec.ingress ?? []).map((rule) => ({
        ...(rule.ports?.length ? { ports: flattenPorts(rule.ports) } : {}),
        ...(rule.from?.length ? { from: flattenPeers(rule.from) } : {}),
      })),
      egress: (spec.egress ?? []).map((rule) => ({
        ...(rule.ports?.length ? { ports: flattenPorts(rule.ports) } : {}),
        ...(rule.to?.length ? { to: flattenPeers(rule.to) } : {}),
      })),
      pod_selector: flattenSelector(spec.podSelector),
      ...(spec.policyTypes.length > 0 ? { policy_types: spec.policyTypes } : {}),
    },
  ];
}

/** meta/v1/validation/validation.go:56-113 ValidateLabelSelector. */
function selectorErrors(selector: LabelSelector, path: string): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(selector.matchLabels ?? {}).sort(([left], [right]) => left.localeCompare(right))) {
    for (const message of isQualifiedName(key)) errors.push(invalid(`${path}.matchLabels`, key, message));
    for (const message of isValidLabelValue(value)) errors.push(invalid(`${path}.matchLabels`, value, message));
  }
  (selector.matchExpressions ?? []).forEach((expression, index) => {
    const at = `${path}.matchExpressions[${index}]`;
    const values = expression.values ?? [];
    if (expression.operator === "In" || expression.operator === "NotIn") {
      if (values.length === 0) errors.push(required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (expression.operator === "Exists" || expression.operator === "DoesNotExist") {
      if (values.length > 0) errors.push(forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else {
      errors.push(invalid(`${at}.operator`, expression.operator, "not a valid selector operator"));
    }
    for (const message of isQualifiedName(expression.key)) errors.push(invalid(`${at}.key`, expression.key, message));
    values.forEach((value, valueIndex) => {
      for (const message of isValidLabelValue(value)) errors.push(invalid(`${at}.values[${valueIndex}]`, value, message));
    });
  });
  return errors;
}

/** networking validation ValidateNetworkPolicyPort: protocol TCP/UDP/SCTP, a port number or name, endPort after port. */
function portErrors(port: PolicyPort, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (port.protocol !== undefined && !["TCP", "UDP", "SCTP"].includes(port.protocol)) {
    errors.push(notSupported(`${path}.protocol`, port.protocol, ["TCP", "UDP", "SCTP"]));
  }
  if (typeof port.port === "number")
    for (const message of isValidPortNum(port.port)) errors.push(invalid(`${path}.port`, port.port, message));
  if (typeof port.port === "string")
    for (const message of isValidPortName(port.port)) errors.push(invalid(`${path}.port`, port.port, message));
  if (port.endPort !== undefined && typeof port.port === "number" && port.endPort < port.port) {
    errors.push(invalid(`${path}.endPort`, port.port, "must be greater than or equal to `port`"));
  }
  return errors;
}

/** networking validation ValidateNetworkPolicyPeer: exactly one kind of peer. */
function peerErrors(peer: PolicyPeer, path: string): FieldError[] {
  const kinds = [peer.podSelector, peer.namespaceSelector, peer.ipBlock].filter((kind) => kind !== undefined).length;
  const errors: FieldError[] = [];
  if (peer.podSelector) errors.push(...selectorErrors(peer.podSelector, `${path}.podSelector`));
  if (peer.namespaceSelector) errors.push(...selectorErrors(peer.namespaceSelector, `${path}.namespaceSelector`));
  if (peer.ipBlock && !peer.ipBlock.cidr) errors.push(required(`${path}.ipBlock.cidr`));
  if (kinds === 0) errors.push(required(path, "must specify a peer"));
  else if (peer.ipBlock && kinds > 1) errors.push(forbidden(path, "may not specify both ipBlock and another peer"));
  return errors;
}

function specErrors(spec: PolicySpec): FieldError[] {
  const errors = selectorErrors(spec.podSelector, "spec.podSelector");
  (spec.ingress ?? []).forEach((rule, index) => {
    (rule.ports ?? []).forEach((port, portIndex) => errors.push(...portErrors(port, `spec.ingress[${index}].ports[${portIndex}]`)));
    (rule.from ?? []).forEach((peer, peerIndex) => errors.push(...peerErrors(peer, `spec.ingress[${index}].from[${peerIndex}]`)));
  });
  (spec.egress ?? []).forEach((rule, index) => {
    (rule.ports ?? []).forEach((port, portIndex) => errors.push(...portErrors(port, `spec.egress[${index}].ports[${portIndex}]`)));
    (rule.to ?? []).forEach((peer, peerIndex) => errors.push(...peerErrors(peer, `spec.egress[${index}].to[${peerIndex}]`)));
  });
  spec.policyTypes.forEach((type, index) => {
    if (type !== "Ingress" && type !== "Egress") errors.push(notSupported(`spec.policyTypes[${index}]`, type, ["Egress", "Ingress"]));
  });
  return errors;
}

function state(policy: StoredNetworkPolicy, previous: ObjectValue, context: ProviderContext): ObjectValue {
  return {
    id: namespacedId(policy.metadata.namespace!, policy.metadata.name),
    metadata: flattenMetadata(policy.metadata, previous, context, true),
    spec: flattenSpec(policy.spec),
  };
}

const NETWORK_POLICIES: NamespacedKind<StoredNetworkPolicy> = {
  api: "/apis/networking.k8s.io/v1",
  collection: COLLECTIONS.networkpolicies,
  kind: "NetworkPolicy.networking.k8s.io",
  resource: "networkpolicies.networking.k8s.io",
};

export const networkPolicyV1: ResourceBehaviour = {
  validate(config) {
    const diagnostics: Diagnostic[] = validateMetadata(config, true);
    // :237-244 policy_types MinItems 1, MaxItems 2: SDKv2's list length check (helper/schema/schema.go validateList).
    const spec = firstBlock(config, "spec");
    const types = spec ? listAt(spec, "policy_types") : [];
    if (Array.isArray(spec?.["policy_types"]) && types.length > 2) {
      diagnostics.push({
        severity: "error",
        summary: "Too many list items",
        detail: `Attribute spec.0.policy_types supports 2 item maximum, but config has ${types.length} declared.`,
        attribute: ["spec", 0, "policy_types"],
      });
    }
    if (Array.isArray(spec?.["policy_types"]) && types.length < 1) {
      diagnostics.push({
        severity: "error",
        summary: "Not enough list items",
        detail: `Attribute spec.0.policy_types requires 1 item minimum, but config has only ${types.length} declared.`,
        attribute: ["spec", 0, "policy_types"],
      });
    }
    return diagnostics;
  },

  create(planned, context) {
    const { input, namespace, tenant } = createRequest(NETWORK_POLICIES, planned, context);
    const spec = expandSpec(planned);
    const metadata = admitCreate(NETWORK_POLICIES, tenant, input, [...objectMetaErrors(input, nameIsDnsSubdomain), ...specErrors(spec)]);
    const policy: StoredNetworkPolicy = {
      apiVersion: "networking.k8s.io/v1",
      kind: "NetworkPolicy",
      // The registry strategy starts a NetworkPolicy at generation 1 and counts spec changes.
      metadata: { ...metadata, generation: 1 },
      spec,
    };
    tenant.put(COLLECTIONS.networkpolicies, namespacedId(namespace, metadata.name), policy);
    return state(policy, planned, context);
  },

  read: (current, context) => readObject(NETWORK_POLICIES, current, context, state),

  update(planned, prior, context) {
    const { tenant, namespace, name, current } = locate(NETWORK_POLICIES, context, "PATCH", prior["id"]);
    if (!current) throw new ProviderDiagnostic(`Failed to update network policy: ${NETWORK_POLICIES.resource} ${goQuote(name)} not found`);
    // :334-341: the spec's changed parts are patched (the result is the planned spec).
    const spec = valuesEqual(planned["spec"] ?? null, prior["spec"] ?? null) ? current.spec : expandSpec(planned);
    const errors = specErrors(spec);
    if (errors.length > 0)
      throw new ProviderDiagnostic(`Failed to update network policy: ${invalidObjectMessage(NETWORK_POLICIES.kind, name, errors)}`);
    const specChanged = JSON.stringify(spec) !== JSON.stringify(current.spec);
    const policy: StoredNetworkPolicy = {
      ...current,
      metadata: {
        ...patchedMetadata(current.metadata, expandMetadata(prior, true), expandMetadata(planned, true)),
        resourceVersion: nextResourceVersion(tenant),
        generation: (current.metadata.generation ?? 1) + (specChanged ? 1 : 0),
      },
      spec,
    };
    tenant.put(COLLECTIONS.networkpolicies, namespacedId(namespace, name), policy);
    return state(policy, planned, context);
  },

  delete: (prior, context) => deleteObject(NETWORK_POLICIES, prior, context),

  import: (id) => ({ id }),
};

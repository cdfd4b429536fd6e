import { conformBlock } from "../../local-providers/protocol/cty";
import { planResource } from "../../local-providers/protocol/plan";
import { ProviderDiagnostic, type ProviderBehaviour, type ProviderContext } from "../../local-providers/provider/behaviour";
import { valuesEqual, type ObjectValue } from "../../local-providers/provider/values";

/**
 * A local provider's behaviours driven as its server drives them (local-providers/protocol/provider-service.ts),
 * without Terraform: the generic plan then the resource's own, apply as create or update, results conformed.
 */
export function providerHarness(provider: ProviderBehaviour) {
  const block = (type: string) => provider.schemas.resources[type]!.block;
  const behaviour = (type: string) => provider.resources[type]!;

  function plan(type: string, raw: Record<string, unknown>, prior: ObjectValue | null, context: ProviderContext) {
    const config = conformBlock(raw, block(type));
    const generic = planResource(block(type), config, prior);
    const adjusted = behaviour(type).plan?.({ planned: generic.planned, prior, config, context });
    return {
      config,
      planned: conformBlock(adjusted?.planned ?? generic.planned, block(type)),
      requiresReplace: [...generic.requiresReplace, ...(adjusted?.requiresReplace ?? [])],
    };
  }

  function apply(type: string, raw: Record<string, unknown>, context: ProviderContext, prior: ObjectValue | null = null): ObjectValue {
    const { config, planned } = plan(type, raw, prior, context);
    const result = prior ? behaviour(type).update(planned, prior, context, config) : behaviour(type).create(planned, context, config);
    return conformBlock(result, block(type));
  }

  /** True when a plan right after this state changes nothing: refresh, then plan the same configuration. */
  function planIsEmpty(type: string, raw: Record<string, unknown>, state: ObjectValue, context: ProviderContext): boolean {
    const refreshed = conformBlock(behaviour(type).read(state, context)!, block(type));
    const { planned, requiresReplace } = plan(type, raw, refreshed, context);
    return requiresReplace.length === 0 && valuesEqual(planned, refreshed);
  }

  return { block, behaviour, plan, apply, planIsEmpty };
}

/** The diagnostic an action throws, as the real provider would report it. */
export function thrown(action: () => unknown): ProviderDiagnostic {
  try {
    action();
  } catch (error) {
    if (error instanceof ProviderDiagnostic) return error;
    throw error;
  }
  throw new Error("expected a ProviderDiagnostic");
}

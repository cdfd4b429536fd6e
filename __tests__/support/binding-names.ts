import { readFileSync } from "node:fs";
import type { BlockSchema } from "../../local-providers/schema/types";

/** A type's attribute names by kind: what a binding knows of it, or what a local provider serves. */
export interface BindingNames {
  readonly required: string[];
  readonly optional: string[];
  readonly computedOnly: string[];
}

/**
 * What a prebuilt @cdktf/provider-* binding knows of a type: an interface's inputs (index.d.ts, each documented
 * with the Terraform name: "{@link ...#min_lower Password#min_lower}", optional when marked "?"; by default the
 * type's Config interface), and, for the type itself, the class's computed-only attributes
 * (index.js: "// result - computed: true, optional: false, required: false").
 */
export function bindingNames(bindingPackage: string, module: string, interfaceName?: string): BindingNames {
  const base = require.resolve(`${bindingPackage}/lib/${module}/index.js`);
  const declarations = readFileSync(base.replace(/index\.js$/, "index.d.ts"), "utf8");
  const start = interfaceName
    ? declarations.indexOf(`export interface ${interfaceName} {`)
    : declarations.search(/export interface \w+Config(?: extends cdktf\.TerraformMetaArguments)? \{/);
  const body = declarations.slice(start, declarations.indexOf("\n}", start));
  const required: string[] = [];
  const optional: string[] = [];
  for (const match of body.matchAll(/#([a-z0-9_]+) \w+#\1\}\n\s*\*\/\n\s*readonly \w+(\?)?:/g))
    (match[2] ? optional : required).push(match[1]!);
  const computedOnly = interfaceName
    ? []
    : [...readFileSync(base, "utf8").matchAll(/\/\/ ([a-z0-9_]+) - computed: true, optional: false, required: false/g)].map(
        (match) => match[1]!,
      );
  return { required: required.sort(), optional: optional.sort(), computedOnly: computedOnly.sort() };
}

/** The same names of a block a local provider serves. */
export function servedNames(block: BlockSchema): BindingNames {
  const names = (keep: (attribute: BlockSchema["attributes"][string]) => boolean) =>
    Object.entries(block.attributes)
      .filter(([, attribute]) => keep(attribute))
      .map(([name]) => name)
      .sort();
  return {
    required: names((attribute) => attribute.required === true),
    optional: names((attribute) => attribute.optional === true),
    computedOnly: names((attribute) => attribute.computed === true && !attribute.optional && !attribute.required),
  };
}

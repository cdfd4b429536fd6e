/**
 * The local hashicorp/tls v4.1.0: keys made and read locally, as the real provider makes and reads them,
 * kept in state only. No world: tls_private_key and tls_public_key talk to nothing; the provider's
 * `proxy` block only concerns tls_certificate's URL fetches, which the stacks do not use.
 */
import { ProviderDiagnostic, type Diagnostic, type ProviderBehaviour } from "../../provider/behaviour";
import type { ObjectValue } from "../../provider/values";
import {
  ALGORITHMS,
  ECDSA_CURVES,
  generatePrivateKey,
  GoError,
  parsePrivateKeyOpenSsh,
  parsePrivateKeyPem,
  privateKeyAttributes,
  type Algorithm,
  type EcdsaCurve,
} from "./keys";
import { schemas } from "./schema";
import { exactlyOneOf, oneOf, validateProxy } from "./validators";

/**
 * An Int64 attribute given a number that is not one: the framework cannot read the configuration
 * (terraform-plugin-framework v1.14.1 types/basetypes/int64_type.go:142; internal/fwschemadata/data_value.go:83).
 */
function int64Problems(config: ObjectValue, name: string): Diagnostic[] {
  const value = config[name];
  if (typeof value !== "number" || Number.isInteger(value)) return [];
  return [
    {
      severity: "error",
      summary: "Configuration Read Error",
      detail:
        "An unexpected error was encountered trying to convert an attribute value from the configuration. " +
        "This is always an error in the provider. Please report the following to the provider developer:\n\n" +
        `Error: Value ${value} is not an integer.`,
      attribute: [name],
    },
  ];
}

export const provider: ProviderBehaviour = {
  schemas,
  validate: validateProxy,
  // Configure only records the proxy (internal/provider/provider.go:108).
  configure: (config) => ({ config }),
  resources: {
    tls_private_key: {
      validate: (config) => [
        // stringvalidator.OneOf on algorithm and ecdsa_curve (resource_private_key.go:56,80); rsa_bits has no validator.
        ...oneOf(config, "algorithm", ALGORITHMS),
        ...int64Problems(config, "rsa_bits"),
        ...oneOf(config, "ecdsa_curve", ECDSA_CURVES),
      ],
      // resource_private_key.go:240
      create(planned) {
        let attributes;
        try {
          const key = generatePrivateKey(
            planned["algorithm"] as Algorithm,
            Number(planned["rsa_bits"]),
            planned["ecdsa_curve"] as EcdsaCurve,
          );
          attributes = privateKeyAttributes(key);
        } catch (error) {
          if (error instanceof GoError) throw new ProviderDiagnostic("Unable to generate Key from configuration", error.message);
          throw error;
        }
        return { ...planned, ...attributes };
      },
      // Read and Delete do nothing (resource_private_key.go:345,354).
      read: (state) => state,
      // Update does nothing either (:350), since every input replaces: the framework then has no state to
      // return and says so (terraform-plugin-framework v1.14.1 internal/fwserver/server_updateresource.go:128).
      update() {
        throw new ProviderDiagnostic(
          "Missing Resource State After Update",
          "The Terraform Provider unexpectedly returned no resource state after having no errors in the resource update. " +
            "This is always an issue in the Terraform Provider and should be reported to the provider developers.",
        );
      },
      delete() {},
    },
  },
  dataSources: {
    tls_public_key: {
      // ExactlyOneOf(private_key_pem, private_key_openssh) on both (data_source_public_key.go:41,55).
      validate: (config) => exactlyOneOf(config, ["private_key_pem", "private_key_openssh"]),
      // data_source_public_key.go:117
      read(config) {
        const pem = config["private_key_pem"];
        const openssh = config["private_key_openssh"];
        let parsed;
        try {
          if (typeof pem === "string") parsed = parsePrivateKeyPem(pem);
          else if (typeof openssh === "string") parsed = parsePrivateKeyOpenSsh(openssh);
        } catch (error) {
          if (error instanceof GoError) throw new ProviderDiagnostic("Unable to parse private key", error.message);
          throw error;
        }
        // Neither set (both were unknown at validation): privateKeyToPublicKey of nil (common_key.go:137).
        if (!parsed) throw new ProviderDiagnostic("Failed to get public key from private key", "unsupported private key type: <nil>");
        return { ...config, ...parsed };
      },
    },
  },
};

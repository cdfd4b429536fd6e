import type { Environment, OpenMetadataSettings } from "../config/environment";
import { identityProviderOf } from "../identity-providers/by-name";
import { discoveryUriFor, jwksUriFor } from "../identity-providers/conventions";
import { openMetadataValues } from "../openmetadata/openmetadata-values";
import { declaredSecurityConfig, type SecurityConfigDocument } from "../openmetadata/security-config";
import type { SsoBinding } from "../sso-binding";
import type { StackOutputs } from "../verify/outputs";
import { SsoSyncUsageError } from "./errors";

/**
 * The settings the stack declares for one environment, built by the code that builds its Helm
 * values (one source of truth), with the identity provider's side taken from the applied stack's outputs.
 */
export interface DeclaredSettings {
  readonly environment: string;
  readonly settings: OpenMetadataSettings;
  readonly clientType: SsoBinding["clientType"];
  readonly document: SecurityConfigDocument;
}

export function declaredSettings(environment: Environment, outputs: StackOutputs, clientSecret?: string): DeclaredSettings {
  const settings = environment.openmetadata;
  if (!settings) {
    throw new SsoSyncUsageError(
      `environment ${environment.name} targets Collate: its OpenMetadata is configured by the Collate ` +
        `team, so there is nothing to sync; give them the issuer_url and client_id outputs`,
    );
  }
  const sso = bindingFromOutputs(environment, outputs);
  const values = openMetadataValues({ openmetadataUrl: environment.openmetadataUrl, settings, sso });
  return { environment: environment.name, settings, clientType: sso.clientType, document: declaredSecurityConfig(values, clientSecret) };
}

/**
 * The SsoBinding the stack resolved at apply time, read back from its outputs (the same rules as
 * OktaSingleSignOn and Auth0SingleSignOn, whose construct modules this CLI does not load).
 */
export function bindingFromOutputs(environment: Environment, outputs: StackOutputs): SsoBinding {
  const { conventions, flow, flowField } = identityProviderOf(environment);
  const { clientType } = conventions.clients[flow];
  if (outputs.client_type !== undefined && outputs.client_type !== clientType) {
    throw new SsoSyncUsageError(
      `environment ${environment.name}: the outputs say client_type ${outputs.client_type} but ${flowField} ` +
        `${flow} declares ${clientType}; apply the stack, then export its outputs again`,
    );
  }
  return {
    provider: conventions.name,
    clientType,
    authority: outputs.issuer_url,
    clientId: outputs.client_id,
    jwksUri: outputs.jwks_uri ?? jwksUriFor(conventions, outputs.issuer_url),
    discoveryUri: discoveryUriFor(outputs.issuer_url),
  };
}

import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import { configureAuth0Provider } from "../lib/auth0/configure-auth0-provider";
import { Auth0SingleSignOn } from "../lib/auth0/auth0-single-sign-on";
import type { Environment } from "../lib/config/environment";
import { adoptInstalledRelease } from "../lib/openmetadata/adopt-release";
import { configureKubernetesProviders } from "../lib/openmetadata/kubernetes-providers";
import { OpenMetadataOnKubernetes } from "../lib/openmetadata/openmetadata-on-kubernetes";
import { configureOktaProvider } from "../lib/okta/okta-provider";
import { OktaSingleSignOn } from "../lib/okta/okta-single-sign-on";
import { configureStateBackend } from "../lib/state-backend";
import { StandaloneStack } from "./standalone-stack";

/**
 * One environment: Okta or Auth0 SSO for OpenMetadata, and OpenMetadata itself on Kubernetes unless
 * the target is Collate's SaaS. Composes constructs; holds no logic of its own beyond the outputs.
 */
export class OpenMetadataStack extends StandaloneStack {
  /** The identity provider's side; the Kubernetes side reads only its `binding`. */
  readonly sso: OktaSingleSignOn | Auth0SingleSignOn;
  readonly openmetadata?: OpenMetadataOnKubernetes;

  constructor(
    scope: Construct,
    readonly environment: Environment,
  ) {
    super(scope, environment.stackId);
    const preventDestroy = environment.protected;
    configureStateBackend(this, environment.backend);

    const common = { environmentName: environment.name, openmetadataUrl: environment.openmetadataUrl, preventDestroy };
    if (environment.okta) {
      configureOktaProvider(this, environment.okta);
      this.sso = new OktaSingleSignOn(this, "okta", {
        ...common,
        okta: environment.okta,
        ...(environment.adopt ? { adopt: environment.adopt.okta } : {}),
      });
    } else if (environment.auth0) {
      configureAuth0Provider(this, environment.auth0);
      this.sso = new Auth0SingleSignOn(this, "auth0", { ...common, auth0: environment.auth0 });
    } else {
      throw new Error(`environment ${environment.name} has no identity provider; resolveEnvironment guarantees one`);
    }

    if (environment.openmetadata) {
      configureKubernetesProviders(this, environment.openmetadata.cluster);
      this.openmetadata = new OpenMetadataOnKubernetes(this, "openmetadata", {
        openmetadataUrl: environment.openmetadataUrl,
        settings: environment.openmetadata,
        sso: this.sso.binding,
        preventDestroy,
      });
      if (environment.adopt?.openmetadataRelease) adoptInstalledRelease(this.openmetadata);
    }

    const forCollate = environment.target === "collate" ? " Share this with the Collate team." : "";
    const output = (id: string, value: string, description: string) => new TerraformOutput(this, id, { value, description });
    if (this.sso instanceof OktaSingleSignOn) {
      output("issuer_url", this.sso.binding.authority, `Issuer of the Okta authorization server; OpenMetadata's authority.${forCollate}`);
      output("client_id", this.sso.binding.clientId, `Client id of the Okta OIDC app OpenMetadata signs in with.${forCollate}`);
      output("authorization_server_id", this.sso.authorizationServer.server.id, "Id of the custom Okta authorization server.");
      output("jwks_uri", this.sso.binding.jwksUri, "Signing keys of the authorization server; listed in OpenMetadata's publicKeys.");
    } else {
      output(
        "issuer_url",
        this.sso.binding.authority,
        `OpenMetadata's authority: https://DOMAIN of the Auth0 tenant, without the slash its tokens' iss ends with.${forCollate}`,
      );
      output("client_id", this.sso.binding.clientId, `Client id of the Auth0 application OpenMetadata signs in with.${forCollate}`);
      output("jwks_uri", this.sso.binding.jwksUri, "Signing keys of the Auth0 tenant; listed in OpenMetadata's publicKeys.");
    }
    output("openmetadata_url", environment.openmetadataUrl, "Public URL of OpenMetadata.");
    output("client_type", this.sso.binding.clientType, "OpenMetadata's authentication.clientType: public (SPA) or confidential (Web).");
    if (this.sso instanceof OktaSingleSignOn && this.sso.serviceApp)
      output(
        "service_app_client_id",
        this.sso.serviceApp.clientId,
        "Client id of the Okta service app (client_credentials with private_key_jwt).",
      );
    if (environment.openmetadata) {
      output("namespace", environment.openmetadata.namespace, "Kubernetes namespace of OpenMetadata.");
      output(
        "jwt_key_id",
        environment.openmetadata.jwtKeyId,
        "keyId of OpenMetadata's JWT signing key, served at /api/v1/system/config/jwks.",
      );
    }
  }
}

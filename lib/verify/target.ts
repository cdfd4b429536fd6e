import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { encryptedPemProblem } from "../keys/pem-shape";
import type { Environment } from "../config/environment";
import type { PublicJwk } from "../keys/public-jwks";
import { callbackUrl } from "../openmetadata-urls";
import { identityProviderOf } from "../identity-providers/by-name";
import { issuerFor, jwksUriFor, withoutTrailingSlash, type IdentityProviderName } from "../identity-providers/conventions";
import { VerifyUsageError, type StackOutputs } from "./outputs";

/** What one verify run checks against: the deployed values, after the command-line overrides. */
export interface VerifyTarget {
  readonly environment: string;
  /** OpenMetadata's `authentication.provider`. */
  readonly provider: IdentityProviderName;
  /** OpenMetadata's `authentication.authority`: the UI discovers the issuer from it (lib/identity-providers: authoritySlash). */
  readonly authority: string;
  /** The issuer discovery must report for that authority (lib/identity-providers: issuerFor). */
  readonly expectedIssuer: string;
  /** The OIDC app's client id: OpenMetadata's clientId and the authorization server's audience. */
  readonly clientId: string;
  readonly clientType?: string;
  /** The issuer keys URL OpenMetadata's `publicKeys` lists. */
  readonly jwksUri: string;
  /** Where verify reaches OpenMetadata, no trailing slash: the public URL unless overridden (e.g. a port-forward). */
  readonly openmetadataUrl: string;
  /** OpenMetadata's `callbackUrl`, built from the public URL like the stack does; the app's first redirect URI. */
  readonly callbackUrl: string;
  /** keyId OpenMetadata signs its own JWTs with; absent when the stack does not deploy OpenMetadata. */
  readonly jwtKeyId?: string;
  readonly serviceApp: ServiceAppCredentials | { readonly skipReason: string };
}

export interface ServiceAppCredentials {
  readonly clientId: string;
  /** The `kid` header of the client assertion: Okta picks the app's public key by it. */
  readonly kid: string;
  readonly privateKey: KeyObject;
  /** The environment's JWKS file when the private key matches none of its keys: Okta then holds no public half for it. */
  readonly unlistedIn?: string;
}

export interface TargetOverrides {
  readonly issuer?: string;
  readonly openmetadataUrl?: string;
  /** PKCS#8 PEM text of the service app's private key, and where it came from (for messages). */
  readonly serviceAppKey?: { readonly pem: string; readonly source: string };
  readonly serviceAppKid?: string;
}

export function resolveTarget(environment: Environment, outputs: StackOutputs, overrides: TargetOverrides = {}): VerifyTarget {
  const authority = overrides.issuer ?? outputs.issuer_url;
  const publicUrl = withoutTrailingSlash(outputs.openmetadata_url ?? environment.openmetadataUrl);
  const { conventions } = identityProviderOf(environment);
  return {
    environment: environment.name,
    provider: conventions.name,
    authority,
    expectedIssuer: issuerFor(conventions, authority),
    clientId: outputs.client_id,
    ...(outputs.client_type ? { clientType: outputs.client_type } : {}),
    // What publicKeys lists, also with --issuer: replacing it by the issuer's own keys URL hid a wrong jwks_uri (#2773).
    jwksUri: outputs.jwks_uri ?? jwksUriFor(conventions, authority),
    openmetadataUrl: overrides.openmetadataUrl === undefined ? publicUrl : withoutTrailingSlash(overrides.openmetadataUrl),
    callbackUrl: callbackUrl(publicUrl),
    ...(outputs.jwt_key_id ? { jwtKeyId: outputs.jwt_key_id } : {}),
    serviceApp: resolveServiceApp(environment, outputs, overrides),
  };
}

function resolveServiceApp(environment: Environment, outputs: StackOutputs, overrides: TargetOverrides): VerifyTarget["serviceApp"] {
  const { serviceAppKey } = overrides;
  const settings = environment.okta?.serviceApp;
  if (!serviceAppKey) return { skipReason: settings ? "no --service-app-key given" : `environment ${environment.name} has no service app` };
  if (!settings) return { skipReason: `environment ${environment.name} has no service app; --service-app-key is ignored` };
  if (!outputs.service_app_client_id) {
    throw new VerifyUsageError(
      `the outputs have no service_app_client_id although ${environment.name} has a ` +
        `service app; deploy the stack, then export its outputs again`,
    );
  }
  const privateKey = parsePrivateKey(serviceAppKey.pem, serviceAppKey.source);
  const matchingKid = kidForPrivateKey(privateKey, settings.publicKeys);
  return {
    clientId: outputs.service_app_client_id,
    kid: overrides.serviceAppKid ?? matchingKid ?? firstKid(settings.publicKeys, settings.jwksFile),
    privateKey,
    ...(matchingKid === undefined ? { unlistedIn: settings.jwksFile } : {}),
  };
}

function parsePrivateKey(pem: string, source: string): KeyObject {
  const encrypted = encryptedPemProblem(pem);
  if (encrypted) throw new VerifyUsageError(`${source} ${encrypted}`);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    // The reason from OpenSSL is not shown: it could quote part of the file.
    throw new VerifyUsageError(`${source}: not a PEM private key; give the private.pem written by \`npm run keys\``);
  }
  if (key.asymmetricKeyType !== "rsa")
    throw new VerifyUsageError(
      `${source}: a ${key.asymmetricKeyType ?? "non-RSA"} key; the service app signs its client assertions with RS256 and needs an RSA key`,
    );
  return key;
}

/** The kid of the published key whose modulus and exponent are the private key's, if any. */
export function kidForPrivateKey(privateKey: KeyObject, publicKeys: readonly PublicJwk[]): string | undefined {
  const { n, e } = createPublicKey(privateKey).export({ format: "jwk" });
  return publicKeys.find((key) => key.n === n && key.e === e)?.kid;
}

function firstKid(publicKeys: readonly PublicJwk[], jwksFile: string): string {
  const first = publicKeys[0];
  if (!first) throw new VerifyUsageError(`${jwksFile} has no keys; pass --service-app-kid`);
  return first.kid;
}

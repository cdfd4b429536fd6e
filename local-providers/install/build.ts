/**
 * Installs the local providers into a folder: one bundled JavaScript file per provider (a start costs
 * ~200 ms with node, ~740 ms under tsx), a filesystem mirror in Terraform's unpacked layout holding a
 * wrapper per provider, and a Terraform CLI configuration that installs from that mirror only.
 *
 * Nothing here touches the user's own Terraform configuration: commands get TF_CLI_CONFIG_FILE pointing
 * at this folder's file (see terraformEnvironment).
 */
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { LOCAL_PROVIDERS, type LocalProvider } from "../catalogue";
import { makeServerTls } from "./tls";

const SOURCE_ROOT = resolve(__dirname, "..");

export interface LocalProviderInstallation {
  readonly directory: string;
  /** The filesystem mirror (terraform-local-providers.md: "filesystem_mirror works best"). */
  readonly mirror: string;
  /** The CLI configuration to pass as TF_CLI_CONFIG_FILE. */
  readonly cliConfigFile: string;
  readonly providers: readonly LocalProvider[];
}

/** Terraform's platform name for this machine (internal/getproviders/types.go). */
export function terraformPlatform(): string {
  const os = process.platform === "win32" ? "windows" : process.platform;
  const arch = ({ x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" } as Record<string, string>)[process.arch] ?? process.arch;
  return `${os}_${arch}`;
}

/** The executable Terraform starts: a shell wrapper that `exec`s node, so no orphan keeps stdout open. */
function wrapperScript(bundle: string): string {
  const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
  return `#!/bin/sh\nexec ${quote(process.execPath)} ${quote(bundle)} "$@"\n`;
}

export interface ProviderBuild {
  readonly provider: LocalProvider;
  /** The provider's entry point (a main.ts that calls serveProvider). */
  readonly entry: string;
}

/** The catalogue's providers, each from local-providers/providers/<name>/main.ts. */
export function catalogueBuilds(): ProviderBuild[] {
  return LOCAL_PROVIDERS.map((provider) => ({ provider, entry: join(SOURCE_ROOT, "providers", provider.name, "main.ts") }));
}

export async function installLocalProviders(
  directory: string,
  builds: readonly ProviderBuild[] = catalogueBuilds(),
): Promise<LocalProviderInstallation> {
  const bin = join(directory, "bin");
  const mirror = join(directory, "mirror");
  mkdirSync(join(bin, "tls"), { recursive: true });

  await build({
    entryPoints: Object.fromEntries(builds.map(({ provider, entry }) => [provider.name, entry])),
    outdir: bin,
    outExtension: { ".js": ".cjs" },
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    logLevel: "silent",
  });
  for (const proto of ["tfplugin6.proto", "go-plugin.proto"]) copyFileSync(join(SOURCE_ROOT, "protocol", proto), join(bin, proto));
  const tls = await makeServerTls();
  writeFileSync(join(bin, "tls", "server-certificate.pem"), tls.certificatePem);
  writeFileSync(join(bin, "tls", "server-key.pem"), tls.keyPem, { mode: 0o600 });

  for (const { provider } of builds) {
    const packageDirectory = join(mirror, provider.hostname, provider.namespace, provider.type, provider.version, terraformPlatform());
    mkdirSync(packageDirectory, { recursive: true });
    const executable = join(packageDirectory, `terraform-provider-${provider.type}_v${provider.version}`);
    writeFileSync(executable, wrapperScript(join(bin, `${provider.name}.cjs`)));
    chmodSync(executable, 0o755);
  }

  const cliConfigFile = join(directory, "terraform.rc");
  // Only the mirror: with no `direct` block Terraform never asks a registry for any provider.
  writeFileSync(
    cliConfigFile,
    [
      "# Written by the project's local providers: installs every provider from the mirror beside this file.",
      "provider_installation {",
      "  filesystem_mirror {",
      `    path    = ${JSON.stringify(mirror)}`,
      `    include = ["registry.terraform.io/*/*"]`,
      "  }",
      "}",
      "",
    ].join("\n"),
  );
  return { directory, mirror, cliConfigFile, providers: builds.map(({ provider }) => provider) };
}

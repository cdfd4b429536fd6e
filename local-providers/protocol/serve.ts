/**
 * A local provider's process: go-plugin's handshake and the gRPC server Terraform talks to.
 *
 * Terraform starts the provider file itself (hashicorp/terraform v1.11.4 internal/command/meta_providers.go:390)
 * with the magic cookie, the protocol versions it accepts and its own client certificate in the
 * environment (hashicorp/go-plugin v1.6.0 client.go:639-643,685). The provider answers with one line on
 * stdout, `1|6|tcp|127.0.0.1:PORT|grpc|<server certificate>` (server.go:427-445), and from then on speaks
 * gRPC over mutual TLS: it trusts only Terraform's certificate, Terraform only the one in that line.
 * Nothing else may ever be written to stdout.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { X509Certificate } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import type { ProviderBehaviour } from "../provider/behaviour";
import { ProviderService } from "./provider-service";

/** terraform v1.11.4 internal/plugin6/serve.go:26-34: the handshake Terraform and its providers share. */
export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";
/** go-plugin server.go:28-33. */
const CORE_PROTOCOL_VERSION = 1;
const PROTOCOL_VERSION = 6;

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: Number, defaults: true, oneofs: true };

/** Where the bundle finds its protocol files and TLS material: beside itself (see ../install/build.ts). */
export interface ServeFiles {
  readonly protocolDirectory: string;
  readonly tlsDirectory: string;
}

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

export function serveProvider(behaviour: ProviderBehaviour, files: ServeFiles, env: NodeJS.ProcessEnv = process.env): void {
  // go-plugin server.go:257-264: a plugin started by anything but its host explains itself and stops.
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    fail(
      "This binary is a plugin. These are not meant to be executed directly.\n" +
        "Please execute the program that consumes these plugins, which will\n" +
        "load any plugins automatically",
    );
  }
  const offered = (env["PLUGIN_PROTOCOL_VERSIONS"] ?? String(PROTOCOL_VERSION)).split(",").map((version) => version.trim());
  if (!offered.includes(String(PROTOCOL_VERSION))) {
    fail(`this local provider serves plugin protocol ${PROTOCOL_VERSION} only; Terraform offered ${offered.join(",")}`);
  }
  // go-plugin server.go:463-472: Terraform forwards Ctrl-C itself and ends providers with Shutdown.
  process.on("SIGINT", () => undefined);

  const definitions = protoLoader.loadSync(
    [join(files.protocolDirectory, "tfplugin6.proto"), join(files.protocolDirectory, "go-plugin.proto")],
    LOADER_OPTIONS,
  );
  const loaded = grpc.loadPackageDefinition(definitions) as unknown as {
    tfplugin6: { Provider: grpc.ServiceClientConstructor };
    plugin: { GRPCController: grpc.ServiceClientConstructor };
  };

  const service = new ProviderService(behaviour, env);
  const server = new grpc.Server();
  const handlers: grpc.UntypedServiceImplementation = {};
  for (const method of Object.keys(loaded.tfplugin6.Provider.service)) {
    const handler = (service as unknown as Record<string, ((request: unknown) => unknown) | undefined>)[method];
    if (!handler) continue;
    handlers[method] = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      try {
        callback(null, handler.call(service, call.request));
      } catch (error) {
        callback({ code: grpc.status.INTERNAL, details: error instanceof Error ? error.message : String(error) });
      }
    };
  }
  server.addService(loaded.tfplugin6.Provider.service, handlers);
  server.addService(loaded.plugin.GRPCController.service, {
    Shutdown: (_call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      // go-plugin client.go:560-565 waits 2 s for the process to end after Shutdown, then kills it.
      setImmediate(() => {
        server.forceShutdown();
        process.exit(0);
      });
    },
  });

  const clientCertificate = env["PLUGIN_CLIENT_CERT"];
  let credentials: grpc.ServerCredentials;
  let serverCertificate = "";
  if (clientCertificate) {
    const certificatePem = readFileSync(join(files.tlsDirectory, "server-certificate.pem"));
    const keyPem = readFileSync(join(files.tlsDirectory, "server-key.pem"));
    credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(clientCertificate),
      [{ cert_chain: certificatePem, private_key: keyPem }],
      true,
    );
    // go-plugin client.go:946: the DER certificate in base64 without padding (Go's RawStdEncoding).
    serverCertificate = new X509Certificate(certificatePem).raw.toString("base64").replace(/=+$/, "");
  } else {
    // TF_DISABLE_PLUGIN_TLS=1 (meta_providers.go:33): Terraform then expects plain gRPC.
    credentials = grpc.ServerCredentials.createInsecure();
  }

  server.bindAsync("127.0.0.1:0", credentials, (error, port) => {
    if (error) fail(`the local provider could not listen on 127.0.0.1: ${error.message}`);
    process.stdout.write(`${CORE_PROTOCOL_VERSION}|${PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc|${serverCertificate}\n`);
  });
}

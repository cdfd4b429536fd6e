// The okta local provider's executable: bundled to one file by ../../install/build.ts, which puts the
// protocol files and the TLS material beside the bundle.
import { join } from "node:path";
import { serveProvider } from "../../protocol/serve";
import { provider } from "./index";

serveProvider(provider, { protocolDirectory: __dirname, tlsDirectory: join(__dirname, "tls") });

/**
 * What the local services share over HTTP: listening on 127.0.0.1 only, closing without waiting for
 * kept-alive connections, JSON bodies and answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type LocalHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

/** Starts a server on 127.0.0.1 (`port` 0: any free port); returns it with its origin, `http://127.0.0.1:PORT`. */
export async function listenLocally(handler: LocalHandler, port = 0): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    // Node ignores a handler's promise: a failure answers 500 with its message, which a test then shows.
    Promise.resolve(handler(request, response)).catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { "content-type": "text/plain" });
      response.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export function closeServer(server: Server): Promise<void> {
  // fetch keeps connections alive; without this, close() would wait for them to time out.
  server.closeAllConnections();
  return new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}

export function answerJson(response: ServerResponse, status: number, body?: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(body === undefined ? undefined : JSON.stringify(body));
}

/** The request's JSON body; undefined when there is none or it is not JSON. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  if (chunks.length === 0) return undefined;
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
  } catch {
    return undefined;
  }
}

// A mutual-TLS handshake on loopback with certificate files, for the tests of
// `falconq certs`: a node:tls server that requires a client certificate signed
// by its CA answers the verified client's subject; a client that it refuses
// gets no answer.

import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import * as tls from "node:tls";

export interface HandshakeResult {
  /** What the server wrote once the client was verified: `<subject CN>/<subject OU>`; undefined when refused. */
  answer?: string;
  /** The client's error, if any (the server's refusal arrives as one). */
  clientError?: string;
  /** The server's error for this connection, if any. */
  serverError?: string;
}

/**
 * Serves on 127.0.0.1:0 with `serverDir`'s server.pem, server-key.pem and
 * ca.pem (client certificates required), and connects to 127.0.0.1 (the
 * certificate's IP SAN is checked) trusting `serverDir`'s ca.pem, with
 * `clientDir`'s NAME.pem and NAME-key.pem: a refusal is the server's.
 */
export async function handshake(serverDir: string, clientDir: string, name: string, timeoutMs = 10_000): Promise<HandshakeResult> {
  const read = (dir: string, f: string) => readFileSync(join(dir, f));
  const result: HandshakeResult = {};
  const server = tls.createServer({
    cert: read(serverDir, "server.pem"),
    key: read(serverDir, "server-key.pem"),
    ca: read(serverDir, "ca.pem"),
    requestCert: true,
    rejectUnauthorized: true,
  });
  server.on("secureConnection", (socket) => {
    const peer = socket.getPeerCertificate();
    const subject = peer.subject as unknown as Record<string, string>;
    socket.end(`${subject.CN}/${subject.OU}\n`);
  });
  server.on("tlsClientError", (e) => {
    result.serverError = e.message;
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  try {
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        socket.destroy();
        resolve();
      }, timeoutMs);
      const socket = tls.connect({
        host: "127.0.0.1",
        port,
        ca: read(serverDir, "ca.pem"),
        cert: read(clientDir, `${name}.pem`),
        key: read(clientDir, `${name}-key.pem`),
      });
      let data = "";
      socket.setEncoding("utf8");
      socket.on("data", (d: string) => {
        data += d;
      });
      const done = () => {
        clearTimeout(timer);
        if (data !== "") result.answer = data.trim();
        resolve();
      };
      socket.on("error", (e) => {
        result.clientError = e.message;
        done();
      });
      socket.on("close", done);
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  return result;
}

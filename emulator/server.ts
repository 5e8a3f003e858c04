import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CONTROL_PREFIX, handleControl } from "./control-api";
import { dispatch } from "./dispatch";
import { BodyTooLargeError, readRawRequest, sendJson } from "./http-io";
import type { ServerRuntime } from "./runtime";

/** The HTTP front door: control calls under /_emulator/, everything else to the emulated AWS services. */
/** `controlHosts`: Host names the control API accepts besides loopback (see control-guard.ts). */
export function createHttpServer(runtime: ServerRuntime, controlHosts: readonly string[] = []): Server {
  const extraHosts = controlHosts.map((h) => h.toLowerCase());
  return createServer((req, res) => {
    void (async () => {
      try {
        const raw = await readRawRequest(req);
        if (raw.path.startsWith(CONTROL_PREFIX)) await handleControl(raw, res, runtime, { localAddress: req.socket.localAddress, localPort: req.socket.localPort, extraHosts });
        else await dispatch(raw, res, runtime);
      } catch (err) {
        if (err instanceof BodyTooLargeError) {
          sendJson(res, 413, { message: err.message });
          return;
        }
        process.stderr.write(`emulator: request failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
        if (!res.headersSent && !res.destroyed) sendJson(res, 500, { message: "emulator internal error" });
      }
    })();
  });
}

export function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    // Keep-alive sockets of SDK clients would otherwise hold close() open until they time out.
    server.closeAllConnections();
  });
}

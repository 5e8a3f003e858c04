import * as path from "path";
import { engineGone, suspectEngineGone } from "./engine-watch";
import { engineAddressOfHost } from "./host-engine";
import { writeLine } from "./stderr-writer";

// Where it was defined before ./host-engine, for existing importers.
export { engineAddressOfHost };

/**
 * The Pulumi engine's Log call, made from inside the dynamic-provider host. Why: the host (@pulumi/pulumi's
 * cmd/dynamic-provider) is started with the engine's address as its last argument but never connects to it, so
 * `pulumi.log` there has no engine (it prints to stdout). A Log request with `ephemeral` set is what the CLI treats as a
 * status message (the engine's LogStatus): shown as it arrives in every display (a line of its own with `--diff`, the
 * stack's row in the progress view, whose Diagnostics summary at the end leaves it out). Dynamic providers are not told
 * their resource's URN, so the messages name the resource themselves and the CLI shows them on the stack's row.
 */
type Send = (message: string, ephemeral: boolean) => Promise<void>;

interface LogRequestMessage {
  setSeverity(severity: number): void;
  setMessage(message: string): void;
  setUrn(urn: string): void;
  setEphemeral(ephemeral: boolean): void;
}
interface EngineProto {
  LogRequest: new () => LogRequestMessage;
  LogSeverity: { INFO: number };
}
interface EngineClient {
  log(request: LogRequestMessage, callback: (error: Error | null) => void): void;
}
interface EngineGrpc {
  EngineClient: new (address: string, credentials: unknown) => EngineClient;
}
interface GrpcJs {
  credentials: { createInsecure(): unknown };
}

/** undefined: not tried yet; null: no engine (not in the host, or it stopped answering). */
let send: Send | null | undefined;
let queue: Promise<void> = Promise.resolve();

function connect(): Send | null {
  const mainFile = require.main?.filename;
  const address = engineAddressOfHost(mainFile, process.argv);
  if (!mainFile || !address) return null;
  try {
    // The host's own @pulumi/pulumi (cmd/dynamic-provider/index.js is inside it) and the gRPC library it uses.
    const pulumiDir = path.resolve(path.dirname(mainFile), "..", "..");
    /* eslint-disable @typescript-eslint/no-require-imports */
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] })) as GrpcJs;
    const proto = require(path.join(pulumiDir, "proto", "engine_pb")) as EngineProto;
    const rpc = require(path.join(pulumiDir, "proto", "engine_grpc_pb")) as EngineGrpc;
    /* eslint-enable @typescript-eslint/no-require-imports */
    const client = new rpc.EngineClient(address, grpc.credentials.createInsecure());
    return (message, ephemeral) =>
      new Promise((resolve, reject) => {
        const request = new proto.LogRequest();
        request.setSeverity(proto.LogSeverity.INFO);
        request.setMessage(message);
        request.setUrn("");
        request.setEphemeral(ephemeral);
        client.log(request, (error) => (error ? reject(error) : resolve()));
      });
  } catch {
    return null;
  }
}

/**
 * Sends a line to the engine, in order with the lines sent before it. Returns false (and sends nothing) when there is
 * no engine to send to; a line the engine refuses goes to stderr instead, and so does every later one. A refusal may
 * mean the engine is gone (./engine-watch then checks); once it is, lines are dropped.
 */
export function logToEngine(message: string, ephemeral: boolean): boolean {
  if (send === undefined) send = connect();
  const deliver = send;
  if (!deliver) return false;
  queue = queue.then(() =>
    engineGone()
      ? undefined
      : deliver(message, ephemeral).catch(() => {
          send = null;
          suspectEngineGone();
          writeLine(message);
        }),
  );
  return true;
}

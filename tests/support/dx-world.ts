import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient, type Connection } from "@aws-sdk/client-direct-connect";
import { startEmulator, type Emulator } from "../../emulator";
import { LocalStack } from "../../harness";

/**
 * A test world: an emulator on loopback with a fast clock, a harness stack for a program, and an SDK client acting as
 * the account owner out of band (renames, tag edits, deletes done "in the console").
 */
export const REPO_ROOT = path.resolve(__dirname, "../..");
export const DX_EXAMPLE = path.join(REPO_ROOT, "examples/directconnect");

export interface DxWorld {
  emulator: Emulator;
  stack: LocalStack;
  dx: DirectConnectClient;
  output: string[];
  liveConnections(): Promise<Connection[]>;
  dispose(): Promise<void>;
}

export async function dxWorld(programDir: string, config: Record<string, string> = {}): Promise<DxWorld> {
  const emulator = await startEmulator({ port: 0, timeScale: 1000 });
  const env = {
    ...emulator.envFor(),
    // The emulator's clock runs 1000× real time: poll every few milliseconds instead of seconds.
    PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50",
    PULUMI_AWS_CONNECTIONS_QUIET: "1",
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pac-dx-"));
  const output: string[] = [];
  const out = new (require("stream").Writable)({
    write(chunk: Buffer, _encoding: string, done: () => void) {
      output.push(chunk.toString());
      done();
    },
  }) as NodeJS.WritableStream;
  const stack = new LocalStack({ programDir, stackName: "test", stateFile: path.join(dir, "state.json"), env, config, out });
  const primary = emulator.accounts[0];
  const dx = new DirectConnectClient({
    endpoint: emulator.endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: primary.accessKeyId, secretAccessKey: primary.secretAccessKey },
  });
  return {
    emulator,
    stack,
    dx,
    output,
    async liveConnections() {
      const all = (await dx.send(new DescribeConnectionsCommand({}))).connections ?? [];
      return all.filter((c) => !["deleted", "rejected"].includes(c.connectionState ?? ""));
    },
    async dispose() {
      dx.destroy();
      await emulator.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function resourceByName<T extends { name: string }>(items: T[], name: string): T {
  const found = items.find((item) => item.name === name);
  if (!found) throw new Error(`no ${name} among ${items.map((i) => i.name).join(", ")}`);
  return found;
}

/** A custom resource from state, which must have an id by now. */
export function withId<T extends { name: string; id?: string }>(resource: T): T & { id: string } {
  if (!resource.id) throw new Error(`${resource.name} has no id in state`);
  return resource as T & { id: string };
}

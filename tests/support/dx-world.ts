import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient, type Connection } from "@aws-sdk/client-direct-connect";
import type { Emulator } from "../../emulator";
import type { CliStack } from "../../cli-runner";
import { REPO_ROOT, sdkClientConfig, startWorld, type World } from "./world";

/**
 * A Direct Connect test world on top of the generic one (./world): the emulator with a fast clock, a real-CLI stack
 * for a program, and an SDK client acting as the account owner out of band (renames, tag edits, deletes done "in the
 * console").
 */
export { REPO_ROOT, resourceByName, withId } from "./world";
export const DX_EXAMPLE = path.join(REPO_ROOT, "examples/directconnect");

export interface DxWorld {
  /** The generic world underneath (its captured output, account lookups, more stacks). */
  world: World;
  emulator: Emulator;
  stack: CliStack;
  dx: DirectConnectClient;
  output: string[];
  liveConnections(): Promise<Connection[]>;
  dispose(): Promise<void>;
}

export async function dxWorld(programDir: string, config: Record<string, string> = {}): Promise<DxWorld> {
  const world = await startWorld();
  const stack = world.stack(programDir, { config });
  const dx = new DirectConnectClient(sdkClientConfig(world.emulator, "primary"));
  return {
    world,
    emulator: world.emulator,
    stack,
    dx,
    output: world.output,
    async liveConnections() {
      const all = (await dx.send(new DescribeConnectionsCommand({}))).connections ?? [];
      return all.filter((c) => !["deleted", "rejected"].includes(c.connectionState ?? ""));
    },
    async dispose() {
      dx.destroy();
      await world.dispose();
    },
  };
}

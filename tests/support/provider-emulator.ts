import { DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { resetClients } from "../../provider/core/aws-clients";
import { startEmulator, type Emulator } from "../../emulator";

/**
 * An emulator for tests that call the provider entry directly (as the dynamic-provider host does): this process's
 * environment points the provider at it (primary account, fast polling, quiet), and a Direct Connect client reads what
 * AWS holds. `stop` restores the environment.
 */
export interface ProviderEmulator {
  emulator: Emulator;
  dx: DirectConnectClient;
  stop(): Promise<void>;
}

export async function startProviderEmulator(): Promise<ProviderEmulator> {
  const saved = { ...process.env };
  const emulator = await startEmulator({ port: 0, timeScale: 1000 });
  Object.assign(process.env, emulator.envFor(), { PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50", PULUMI_AWS_CONNECTIONS_QUIET: "1" });
  const { accessKeyId, secretAccessKey } = emulator.accounts[0];
  const dx = new DirectConnectClient({ endpoint: emulator.endpoint, region: "us-east-1", credentials: { accessKeyId, secretAccessKey } });
  return {
    emulator,
    dx,
    async stop() {
      process.env = saved;
      resetClients();
      dx.destroy();
      await emulator.stop();
    },
  };
}

import { resetClients } from "../../provider/core/aws-clients";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

/**
 * For tests that call the provider entry in this process: an emulator for the enclosing `describe`, with this
 * process's AWS environment pointed at it (and restored after), and the provider's cached clients reset around it.
 */
export function useEmulatorEnvironment(options: EmulatorOptions = {}, extraEnv: Record<string, string> = {}): { readonly emulator: Emulator } {
  const holder: { emulator?: Emulator } = {};
  const saved = { ...process.env };
  before(async () => {
    holder.emulator = await startEmulator({ port: 0, ...options });
    Object.assign(process.env, holder.emulator.envFor(), extraEnv);
    resetClients();
  });
  after(async () => {
    process.env = saved;
    resetClients();
    await holder.emulator?.stop();
  });
  return {
    get emulator(): Emulator {
      if (!holder.emulator) throw new Error("the emulator starts in the describe's before hook");
      return holder.emulator;
    },
  };
}

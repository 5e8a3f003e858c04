import { resetClients } from "../../provider/core/aws-clients";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../emulator";

/**
 * Points this process's AWS environment at an emulator (its primary account in us-east-1, plus `extraEnv`) for tests
 * that call the provider entry in this process. Returns the function that puts the environment back as it was. The
 * provider caches AWS clients per settings, so they are forgotten on both ends.
 */
export function pointProcessAt(emulator: Emulator, extraEnv: Record<string, string> = {}): () => void {
  const saved = { ...process.env };
  Object.assign(process.env, emulator.envFor(), extraEnv);
  resetClients();
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    resetClients();
  };
}

/**
 * For tests that call the provider entry in this process: an emulator for the enclosing `describe`, with this
 * process's AWS environment pointed at it (and restored after), and the provider's cached clients reset around it.
 */
export function useEmulatorEnvironment(options: EmulatorOptions = {}, extraEnv: Record<string, string> = {}): { readonly emulator: Emulator } {
  const holder: { emulator?: Emulator; restore?: () => void } = {};
  before(async () => {
    holder.emulator = await startEmulator({ port: 0, ...options });
    holder.restore = pointProcessAt(holder.emulator, extraEnv);
  });
  after(async () => {
    holder.restore?.();
    await holder.emulator?.stop();
  });
  return {
    get emulator(): Emulator {
      if (!holder.emulator) throw new Error("the emulator starts in the describe's before hook");
      return holder.emulator;
    },
  };
}

import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { resetClients } from "../../provider/core/aws-clients";
import { startEmulator, type Emulator } from "../../emulator";

/**
 * For tests of `aws.profile` beside the standard chain, calling the provider entry in this process: an emulator; the
 * AWS SDK's shared files in a new temporary directory holding one profile with an emulator account's keys (plus
 * `config` lines in its config section); and this process's environment pointed at the emulator (the primary
 * account's keys) with fast, quiet polling. `stop` restores the environment, forgets the cached clients, stops the
 * emulator and removes the directory.
 */
export interface ProfileEmulator {
  emulator: Emulator;
  stop(): Promise<void>;
}

export async function startProfileEmulator(profile: { name: string; accountId: string; config?: string }): Promise<ProfileEmulator> {
  const saved = { ...process.env };
  const emulator = await startEmulator({ port: 0, timeScale: 1000 });
  const account = emulator.accounts.find((a) => a.accountId === profile.accountId);
  if (!account) throw new Error(`the emulator has no account ${profile.accountId}`);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "pac-profile-"));
  fs.writeFileSync(path.join(home, "credentials"), `[${profile.name}]\naws_access_key_id = ${account.accessKeyId}\naws_secret_access_key = ${account.secretAccessKey}\n`);
  fs.writeFileSync(path.join(home, "config"), `[profile ${profile.name}]\n${profile.config ?? ""}`);
  Object.assign(process.env, emulator.envFor(), {
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "credentials"),
    AWS_CONFIG_FILE: path.join(home, "config"),
    PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50",
    PULUMI_AWS_CONNECTIONS_QUIET: "1",
  });
  return {
    emulator,
    async stop() {
      process.env = saved;
      resetClients();
      await emulator.stop();
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

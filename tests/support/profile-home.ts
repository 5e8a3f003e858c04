import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Emulator } from "../../emulator";

/**
 * For tests of `aws.profile` beside the standard chain: points the AWS SDK's shared files at a new temporary directory
 * holding one profile with an emulator account's keys (plus `config` lines in its config section), and the process's
 * environment at the emulator (the primary account's keys) with fast, quiet polling. Returns the directory; the caller
 * restores process.env and removes it.
 */
export function useProfileHome(emulator: Emulator, profile: { name: string; accountId: string; config?: string }): string {
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
  return home;
}

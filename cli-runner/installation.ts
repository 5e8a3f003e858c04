// The Pulumi installation the runner drives: the CLI binary and the Node.js language host that runs `runtime: nodejs`
// programs, as scripts/pulumi-cli.js finds or obtains them (PATH, the per-user cache, the shared prebuilt host).
import * as fs from "fs";
import * as path from "path";

export interface PulumiInstallation {
  /** The `pulumi` binary. */
  cli: string;
  version: string;
  /** Where the CLI came from (PULUMI_AWS_CONNECTIONS_CLI, PATH, cache, built). */
  source: string;
  /** `pulumi-language-nodejs`, or undefined when none was found (the runner then serves programs itself). */
  languageHost?: string;
  /** Where the language host came from. */
  languageHostSource?: string;
}

interface ObtainedCli {
  binary: string;
  version: string;
  source: string;
  languageHost?: { binary: string; source: string };
}

/** scripts/pulumi-cli.js, from this file's source (cli-runner/) or from its build (dist/cli-runner/). */
function scriptPath(): string {
  for (const up of ["..", path.join("..", "..")]) {
    const candidate = path.resolve(__dirname, up, "scripts", "pulumi-cli.js");
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new Error(`scripts/pulumi-cli.js not found above ${__dirname}`);
}

/** Finds or obtains the CLI and its language host (building the CLI on a fresh machine: see scripts/pulumi-cli.js). */
export async function obtainPulumiInstallation(): Promise<PulumiInstallation> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const script = require(scriptPath()) as { obtainPulumiCli(): Promise<ObtainedCli> };
  const obtained = await script.obtainPulumiCli();
  return {
    cli: obtained.binary,
    version: obtained.version,
    source: obtained.source,
    languageHost: obtained.languageHost?.binary,
    languageHostSource: obtained.languageHost?.source,
  };
}

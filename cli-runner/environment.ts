// The environment every run of the real Pulumi CLI gets here: fully offline, a local (file://) backend, no prompts,
// no update checks, no plugin downloads, and the dynamic-provider plugin of the program's own @pulumi/pulumi on PATH.
import * as fs from "fs";
import * as path from "path";

/** The passphrase of the throw-away stacks' secrets provider (local backends encrypt secrets with it). */
export const TEST_PASSPHRASE = "pulumi-aws-connections-local-stack";

/** The folder of the @pulumi/pulumi that a program loads: it holds the `pulumi-resource-pulumi-nodejs` plugin script. */
export function pulumiPackageDir(programDir: string): string {
  return path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [programDir] }));
}

export interface CliEnvironmentOptions {
  /** The `pulumi` binary: a plugin beside it is found without PATH (scripts/pulumi-cli.js puts one there). */
  cli: string;
  /** The Node.js language host; put on PATH when it is not beside the CLI. */
  languageHost?: string;
  /** Directory of the file:// backend (state, locks, history). */
  backendDir: string;
  /** PULUMI_HOME (plugin cache, credentials, workspace settings). */
  pulumiHome: string;
  programDir: string;
  /** The variables of the caller (AWS credentials, endpoints...), laid over process.env. */
  env?: NodeJS.ProcessEnv;
}

export function cliEnvironment(o: CliEnvironmentOptions): NodeJS.ProcessEnv {
  const base = { ...process.env, ...(o.env ?? {}) };
  // The CLI looks on PATH before beside itself, and warns in every operation's output when both have the plugin.
  const bundled = fs.existsSync(path.join(path.dirname(o.cli), "pulumi-resource-pulumi-nodejs"));
  const dirs = bundled ? [] : [pulumiPackageDir(o.programDir)];
  if (o.languageHost && path.dirname(o.languageHost) !== path.dirname(o.cli)) dirs.push(path.dirname(o.languageHost));
  return {
    ...base,
    PATH: [...dirs, base.PATH ?? ""].join(path.delimiter),
    PULUMI_BACKEND_URL: `file://${o.backendDir}`,
    PULUMI_HOME: o.pulumiHome,
    PULUMI_CONFIG_PASSPHRASE: base.PULUMI_CONFIG_PASSPHRASE ?? TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    // Enables `--event-log` (the Automation API sets it for the same reason).
    PULUMI_DEBUG_COMMANDS: "true",
  };
}

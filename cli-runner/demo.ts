/**
 * `npm start`: the example stack (examples/directconnect, the root Pulumi.yaml's program) through the real Pulumi CLI
 * against the embedded emulator, with a throw-away local backend: `pulumi preview --diff`, `up`, a change (previewed,
 * then applied), `refresh` and `destroy`. What it prints between the `$` lines is the CLI's own output.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DescribeConnectionsCommand, DirectConnectClient } from "@aws-sdk/client-direct-connect";
import { startEmulator } from "../emulator";
import { obtainPulumiInstallation } from "./installation";
import { CliStack } from "./stack";
import type { OperationResult } from "./types";

/* eslint-disable @typescript-eslint/no-require-imports */

const REPO_ROOT = path.resolve(__dirname, "..", "..");
const PROGRAM = path.join(REPO_ROOT, "examples", "directconnect");
// Colour only for a terminal, and never with NO_COLOR set to anything but "" (https://no-color.org): the CLI's own
// output follows through its --color flag.
const useColor = process.stdout.isTTY === true && !process.env.NO_COLOR;

function banner(text: string): void {
  process.stdout.write(useColor ? `\n\x1b[1m$ ${text}\x1b[0m\n` : `\n$ ${text}\n`);
}

function mustSucceed(step: string, result: OperationResult): void {
  if (!result.ok) throw new Error(`${step} failed: ${result.error ?? `exit code ${String(result.exitCode)}`}`);
}

async function main(): Promise<void> {
  // Below Node 22 (package.json's engines) the AWS SDK prints a 7-line notice in every process that loads it, the
  // provider host included, which would fill every plan: say it once here instead.
  const oldNode = Number(process.versions.node.split(".")[0]) < 22;
  if (oldNode) {
    process.stderr.write(`Node ${process.version} is older than this package supports (22 or later); the AWS SDK's notice about it is silenced.\n`);
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
  }
  const pulumi = await obtainPulumiInstallation();
  // 1 emulated second per real millisecond, so "pending for minutes" takes moments.
  const emulator = await startEmulator({ port: 0, timeScale: 1000 });
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-aws-connections-demo-"));
  let stack: CliStack | undefined;
  try {
    process.stdout.write(`Pulumi CLI ${pulumi.version} (${pulumi.cli}), Node.js language host ${pulumi.languageHost ?? "none"}\n`);
    process.stdout.write(`AWS emulator listening on ${emulator.endpoint} (Direct Connect, STS; SigV4 checked)\n`);
    process.stdout.write(`program: ${path.relative(process.cwd(), PROGRAM) || "."}, backend: file://${path.join(workDir, "backend")}\n`);
    stack = new CliStack({
      cli: pulumi.cli,
      languageHost: pulumi.languageHost,
      programDir: PROGRAM,
      workDir,
      stackName: "demo",
      env: {
        ...emulator.envFor(),
        PULUMI_AWS_CONNECTIONS_POLL_MS: "5,50",
        PULUMI_AWS_CONNECTIONS_QUIET: "1",
        ...(oldNode ? { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" } : {}),
      },
      out: process.stdout,
      color: useColor ? "always" : "never",
      // Each up below follows an explicit preview, as in a reviewed pull request.
      skipPreview: true,
    });

    banner("pulumi preview --diff");
    mustSucceed("preview", await stack.preview());
    banner("pulumi up --yes --skip-preview");
    mustSucceed("up", await stack.up());

    banner("pulumi config set connectionName edge-renamed && pulumi config set team platform");
    stack.setConfig("connectionName", "edge-renamed");
    stack.setConfig("team", "platform");
    banner("pulumi preview --diff");
    mustSucceed("preview", await stack.preview());
    banner("pulumi up --yes --skip-preview");
    mustSucceed("up", await stack.up());

    banner("pulumi refresh --yes");
    mustSucceed("refresh", await stack.refresh());
    banner("pulumi destroy --yes");
    mustSucceed("destroy", await stack.destroy());

    const account = emulator.accounts[0];
    const dx = new DirectConnectClient({
      endpoint: emulator.endpoint,
      region: "us-east-1",
      credentials: { accessKeyId: account.accessKeyId, secretAccessKey: account.secretAccessKey },
    });
    const connections = (await dx.send(new DescribeConnectionsCommand({}))).connections ?? [];
    dx.destroy();
    banner("aws directconnect describe-connections   # what the emulator has now");
    for (const c of connections) process.stdout.write(`  ${c.connectionId}  ${c.connectionState?.padEnd(10)} ${c.bandwidth?.padEnd(8)} ${c.connectionName}\n`);
  } finally {
    await stack?.dispose();
    await emulator.stop();
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

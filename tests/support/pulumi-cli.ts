// The real Pulumi CLI for the engine tests, obtained once per test run (scripts/pulumi-cli.js: PATH, cache, or a build
// from the Go module proxy, which `npm test`'s set-up step has already done). No CLI is a failure, never a skip.
/* eslint-disable @typescript-eslint/no-require-imports */
const { obtainPulumiCli } = require("../../scripts/pulumi-cli.js") as {
  obtainPulumiCli(): Promise<{ binary: string; version: string; source: string }>;
};

let obtained: Promise<string> | undefined;

/** The path of the `pulumi` binary every engine test runs. */
export function pulumiCli(): Promise<string> {
  obtained ??= obtainPulumiCli().then((cli) => cli.binary);
  return obtained;
}

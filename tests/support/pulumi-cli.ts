// The real Pulumi CLI and its Node.js language host for the engine tests, obtained once per test run
// (scripts/pulumi-cli.js: PATH, cache, or a build from the Go module proxy, which `npm test`'s set-up step has already
// done; the language host beside the CLI, on PATH or from shared/tools). No CLI is a failure, never a skip.
import { obtainPulumiInstallation, type PulumiInstallation } from "../../cli-runner/installation";

let obtained: Promise<PulumiInstallation> | undefined;

/** The `pulumi` binary and language host every engine test runs. */
export function pulumiInstallation(): Promise<PulumiInstallation> {
  obtained ??= obtainPulumiInstallation();
  return obtained;
}

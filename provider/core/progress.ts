/**
 * Progress lines from inside the provider host. `pulumi.log` has no engine there, so they go to stderr, which the engine
 * reads and shows among the stack's diagnostics. Silence with PULUMI_AWS_CONNECTIONS_QUIET=1.
 */
export function progress(message: string): void {
  if (process.env.PULUMI_AWS_CONNECTIONS_QUIET === "1") return;
  notice(message);
}

/**
 * A line about the plan itself, which a reviewer of `pulumi preview --diff` needs and which the CLI cannot show: it
 * prints a dynamic resource's changed fields, but not which of them force its replacement (only `--json` has that).
 * Never silenced. Names fields and ids only, never values (they may be secret).
 */
export function notice(message: string): void {
  process.stderr.write(`[pulumi-aws-connections] ${message}\n`);
}

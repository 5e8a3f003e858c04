/**
 * Progress lines from inside the provider host. `pulumi.log` has no engine there, so they go to stderr, where the engine
 * (and the local harness) show them. Silence with PULUMI_AWS_CONNECTIONS_QUIET=1.
 */
export function progress(message: string): void {
  if (process.env.PULUMI_AWS_CONNECTIONS_QUIET === "1") return;
  process.stderr.write(`[pulumi-aws-connections] ${message}\n`);
}

/**
 * Parses Terraform-style durations ("90s", "10m", "1h30m", "2d"), used by the `timeouts` input because Pulumi does not
 * pass `customTimeouts` to dynamic providers.
 */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DURATION = /^(\d+(?:\.\d+)?(?:ms|s|m|h|d))+$/;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/g;

export function isDuration(text: string): boolean {
  return DURATION.test(text) && parseDuration(text) > 0;
}

export function parseDuration(text: string): number {
  if (!DURATION.test(text)) throw new Error(`"${text}" is not a duration like "30s", "10m" or "1h30m"`);
  let total = 0;
  for (const [, amount, unit] of text.matchAll(PART)) total += Number(amount) * UNIT_MS[unit];
  return total;
}

export function formatDuration(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000}h`;
  if (ms % 60_000 === 0) return `${ms / 60_000}m`;
  if (ms % 1_000 === 0) return `${ms / 1_000}s`;
  return `${ms}ms`;
}

/** Helpers for the per-resource diff tables. */

/** A deep copy of `base` with one field, top-level or one level down (`"aws.region"`), set to `value`. */
export function withField(base: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
  const [head, tail] = path.split(".");
  if (tail) copy[head] = { ...((copy[head] ?? {}) as Record<string, unknown>), [tail]: value };
  else copy[head] = value;
  return copy;
}

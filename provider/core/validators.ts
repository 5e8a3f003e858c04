import type { Issue } from "./fields";
import { isUnknown } from "./unknown";

/** Validators return the issues they find; each issue's text names the rule, so a user can fix the input without docs. */

export function oneOf<T extends string>(allowed: readonly T[]): (value: string) => Issue[] {
  return (value) => (allowed.includes(value as T) ? [] : [{ rule: `must be one of ${allowed.join(", ")}; got "${value}"` }]);
}

export function matches(pattern: RegExp, description: string): (value: string) => Issue[] {
  return (value) => (pattern.test(value) ? [] : [{ rule: `must be ${description}; got "${value}"` }]);
}

export function lengthBetween(min: number, max: number): (value: string) => Issue[] {
  return (value) =>
    value.length >= min && value.length <= max
      ? []
      : [{ rule: `must be ${min === max ? `${min}` : `${min} to ${max}`} characters long; got ${value.length}` }];
}

export interface MapLimits {
  maxEntries: number;
  keyLength: [number, number];
  maxValueLength: number;
  /** Keys the user may not set, with why. */
  reservedKeyPrefixes?: Array<{ prefix: string; why: string }>;
}

export function mapLimits(limits: MapLimits): (value: Record<string, string>) => Issue[] {
  return (value) => {
    const issues: Issue[] = [];
    const keys = Object.keys(value);
    if (keys.length > limits.maxEntries) issues.push({ rule: `must have at most ${limits.maxEntries} entries; got ${keys.length}` });
    for (const key of keys) {
      const [min, max] = limits.keyLength;
      if (key.length < min || key.length > max) issues.push({ path: key, rule: `key must be ${min} to ${max} characters long; got ${key.length}` });
      const item = value[key];
      // Unknown values (preview) are the engine's sentinel string, not the user's value: judged once known.
      if (typeof item === "string" && !isUnknown(item) && item.length > limits.maxValueLength) {
        issues.push({ path: key, rule: `value must be at most ${limits.maxValueLength} characters long; got ${item.length}` });
      }
      for (const reserved of limits.reservedKeyPrefixes ?? []) {
        if (key.toLowerCase().startsWith(reserved.prefix)) issues.push({ path: key, rule: `key must not start with "${reserved.prefix}": ${reserved.why}` });
      }
    }
    return issues;
  };
}

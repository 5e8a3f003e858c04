import type { Issue } from "./fields";

/**
 * Validators return the issues they find; each issue's text names the rule, so a user can fix the input without docs.
 * No issue ever quotes the value: the provider cannot tell a `pulumi.secret` input from a plain one (the engine hands it
 * every value in the clear), and a huge value would make a huge message. Lengths and kinds may be said; values never.
 */

/** Length in Unicode code points, as AWS (Smithy's length trait) counts it: an emoji is one character, not two. */
export function codePoints(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

export function oneOf<T extends string>(allowed: readonly T[]): (value: string) => Issue[] {
  return (value) => (allowed.includes(value as T) ? [] : [{ rule: `must be one of ${allowed.join(", ")}` }]);
}

export function matches(pattern: RegExp, description: string): (value: string) => Issue[] {
  return (value) => (pattern.test(value) ? [] : [{ rule: `must be ${description}` }]);
}

export function lengthBetween(min: number, max: number): (value: string) => Issue[] {
  return (value) => {
    const length = codePoints(value);
    return length >= min && length <= max ? [] : [{ rule: `must be ${min === max ? `${min}` : `${min} to ${max}`} characters long; got ${length}` }];
  };
}

/**
 * A key as it may appear in a property path (a tag key, an unknown input's name): names are shown so the user finds the
 * entry, but a long one is cut and control characters are escaped, so a message stays one line of bounded size.
 */
export const MAX_SHOWN_KEY = 64;

export function shownKey(key: string): string {
  const points = Array.from(key);
  const cut = points.length > MAX_SHOWN_KEY ? `${points.slice(0, MAX_SHOWN_KEY).join("")}…(${points.length} characters)` : key;
  // JSON escapes \n, \t, quotes and other control characters; quotes are added only then, and around an empty key.
  const escaped = JSON.stringify(cut).slice(1, -1);
  return escaped === cut && cut !== "" ? cut : `"${escaped}"`;
}

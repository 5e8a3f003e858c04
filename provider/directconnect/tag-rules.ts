import type { Issue } from "../core/fields";
import { isUnknown } from "../core/unknown";
import { codePoints, shownKey } from "../core/validators";
import { RESERVED_TAG_PREFIXES } from "./tags";

/**
 * Direct Connect's tag rules (botocore model: TagKey 1–128 and TagValue 0–256 characters, both matching
 * `^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`; at most 50 tags; `aws:` reserved), checked before any call so a bad tag fails at
 * preview instead of half-way through an update. Lengths count code points, as AWS does (an emoji would be one, but
 * emoji are not letters and fail the pattern anyway). Issues name the tag key, never the tag value.
 */
const TAG_CHARACTERS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;
const ALLOWED = "letters, numbers, spaces and _ . : / = + - @";
/** AWS allows 50 tags a connection; the create token and the takeover marker (tags.ts) may take two of them. */
export const MAX_USER_TAGS = 48;

export function tagRules(tags: Record<string, string>): Issue[] {
  const issues: Issue[] = [];
  const keys = Object.keys(tags);
  if (keys.length > MAX_USER_TAGS) {
    issues.push({ rule: `must have at most ${MAX_USER_TAGS} entries (AWS allows 50 tags, and pulumi-aws-connections keeps two for safe retries); got ${keys.length}` });
  }
  for (const key of keys) {
    const path = shownKey(key);
    const keyLength = codePoints(key);
    if (keyLength < 1 || keyLength > 128) issues.push({ path, rule: `key must be 1 to 128 characters long; got ${keyLength}` });
    if (!TAG_CHARACTERS.test(key)) issues.push({ path, rule: `key may contain only ${ALLOWED}` });
    for (const reserved of RESERVED_TAG_PREFIXES) {
      if (key.toLowerCase().startsWith(reserved.prefix)) issues.push({ path, rule: `key must not start with "${reserved.prefix}": ${reserved.why}` });
    }
    const value = tags[key];
    // Unknown values (preview) are the engine's sentinel string, not the user's value: judged once known.
    if (typeof value !== "string" || isUnknown(value)) continue;
    const valueLength = codePoints(value);
    if (valueLength > 256) issues.push({ path, rule: `value must be at most 256 characters long; got ${valueLength}` });
    if (!TAG_CHARACTERS.test(value)) issues.push({ path, rule: `value may contain only ${ALLOWED}` });
  }
  return issues;
}

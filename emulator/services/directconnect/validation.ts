import { ServiceError } from "../../protocols/types";
import { clientError } from "./errors";
import type { DxTag } from "./model";

export const DEDICATED_BANDWIDTHS: readonly string[] = ["1Gbps", "10Gbps", "100Gbps", "400Gbps"];
export const ENCRYPTION_MODES: readonly string[] = ["no_encrypt", "should_encrypt", "must_encrypt"];
export const MAX_TAGS = 50;
export const MAX_CONNECTIONS_PER_LOCATION = 10;
export const MAX_CONNECTIONS_PER_LAG = 4;

/** The API's tag pattern: letters, separators, numbers and `_.:/=+-@`. */
const TAG_PATTERN = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** Checks a list of tags from the wire, in the order AWS reports problems: shape, duplicates, count, each tag. */
export function validateTags(raw: Array<Record<string, unknown>>): DxTag[] {
  const tags: DxTag[] = raw.map((t) => {
    if (typeof t.key !== "string") throw new ServiceError("SerializationException", "Member 'key' of a tag must be a string.", 400);
    if (t.value !== undefined && t.value !== null && typeof t.value !== "string") {
      throw new ServiceError("SerializationException", "Member 'value' of a tag must be a string.", 400);
    }
    return typeof t.value === "string" ? { key: t.key, value: t.value } : { key: t.key };
  });
  const seen = new Set<string>();
  for (const tag of tags) {
    if (seen.has(tag.key)) throw new ServiceError("DuplicateTagKeysException", `Duplicate tag key in the request: ${tag.key}`, 400);
    seen.add(tag.key);
  }
  if (tags.length > MAX_TAGS) {
    throw new ServiceError("TooManyTagsException", `A resource can have at most ${MAX_TAGS} tags.`, 400);
  }
  for (const tag of tags) validateTagKey(tag.key);
  for (const tag of tags) {
    const value = tag.value ?? "";
    if (value.length > 256) throw clientError(`Tag value for key '${tag.key}' must be at most 256 characters long.`);
    if (!TAG_PATTERN.test(value)) throw clientError(`Tag value for key '${tag.key}' contains characters that are not allowed.`);
  }
  return tags;
}

export function validateTagKey(key: string): void {
  if (key.length < 1 || key.length > 128) throw clientError(`Tag key '${key}' must be between 1 and 128 characters long.`);
  if (!TAG_PATTERN.test(key)) throw clientError(`Tag key '${key}' contains characters that are not allowed.`);
  if (key.toLowerCase().startsWith("aws:")) throw clientError(`Tag key '${key}' uses the reserved prefix 'aws:'.`);
}

const CONNECTION_ID = /^dxcon-[a-z0-9]{8}$/;

/** AWS checks the shape of a connection id before looking it up (the SDKs' integration tests rely on this message). */
export function validateConnectionId(connectionId: string): string {
  if (!CONNECTION_ID.test(connectionId)) throw clientError(`Connection ID ${connectionId} has an invalid format`);
  return connectionId;
}

export function validateEncryptionMode(mode: string): void {
  if (!ENCRYPTION_MODES.includes(mode)) {
    throw clientError(`Invalid encryption mode ${mode}. Valid values are ${ENCRYPTION_MODES.join(", ")}.`);
  }
}

/** Applies `tags` onto `existing`: same key replaces the value, new keys are appended. */
export function mergeTags(existing: DxTag[], tags: DxTag[]): DxTag[] {
  const merged = existing.map((t) => ({ ...t }));
  for (const tag of tags) {
    const found = merged.find((t) => t.key === tag.key);
    if (found) {
      if (tag.value === undefined) delete found.value;
      else found.value = tag.value;
    } else merged.push({ ...tag });
  }
  return merged;
}

import type { Tag } from "@aws-sdk/client-direct-connect";

/**
 * Tags as a map in Pulumi, a list in the API. The create token tag is ours: it is added at create, never shown in
 * outputs, never removed, and users cannot set it.
 */
export const CREATE_TOKEN_TAG = "pulumi-aws-connections:create-token";
export const RESERVED_TAG_PREFIXES = [
  { prefix: "aws:", why: "AWS reserves the aws: prefix" },
  { prefix: "pulumi-aws-connections:", why: "pulumi-aws-connections uses it to make creates safe to retry" },
];

export function tagsToList(tags: Record<string, string> | undefined): Tag[] {
  return Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));
}

/** User tags of a connection (without ours), as a map. */
export function userTagsOf(tags: Tag[] | undefined): Record<string, string> {
  const map: Record<string, string> = {};
  for (const tag of tags ?? []) if (tag.key && tag.key !== CREATE_TOKEN_TAG) map[tag.key] = tag.value ?? "";
  return map;
}

export interface TagChanges {
  set: Tag[];
  remove: string[];
}

/** Exactly the difference between the tags AWS has and the tags wanted. */
export function tagChanges(actual: Record<string, string>, wanted: Record<string, string>): TagChanges {
  const set = Object.entries(wanted)
    .filter(([key, value]) => actual[key] !== value)
    .map(([key, value]) => ({ key, value }));
  const remove = Object.keys(actual).filter((key) => !(key in wanted));
  return { set, remove };
}

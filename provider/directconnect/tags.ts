import type { Tag } from "@aws-sdk/client-direct-connect";

/**
 * Tags as a map in Pulumi, a list in the API. The create token tag is ours: it is added at create, never shown in
 * outputs, never removed, and users cannot set it.
 */
export const CREATE_TOKEN_TAG = "pulumi-aws-connections:create-token";
/** Left by a create that took the connection over (provider/core/handover.ts); also never shown, never set by users. */
export const TAKEOVER_TAG = "pulumi-aws-connections:taken-over";
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
  for (const tag of tags ?? []) if (tag.key && tag.key !== CREATE_TOKEN_TAG && tag.key !== TAKEOVER_TAG) map[tag.key] = tag.value ?? "";
  return map;
}

export interface TagChanges {
  set: Tag[];
  remove: string[];
}

/**
 * What to tag and untag to get from the tags AWS has to the tags wanted. Only tags known in state (`managed`: the old
 * outputs, which a refresh updates) are removed: a tag added outside Pulumi and never refreshed was not in the preview,
 * so an update must not silently take it away. After a refresh it is in state, shows in the preview, and goes.
 */
export function tagChanges(actual: Record<string, string>, wanted: Record<string, string>, managed: Record<string, string>): TagChanges {
  const set = Object.entries(wanted)
    .filter(([key, value]) => !Object.hasOwn(actual, key) || actual[key] !== value)
    .map(([key, value]) => ({ key, value }));
  const remove = Object.keys(actual).filter((key) => !Object.hasOwn(wanted, key) && Object.hasOwn(managed, key));
  return { set, remove };
}

import { JsonInput } from "../input";
import type { OperationContext, OperationHandler } from "../types";
import { clientError, connectionNotFound, lagNotFound } from "./errors";
import { connectionArn, lagArn, type DxTag } from "./model";
import { currentRegion } from "./region-state";
import { MAX_TAGS, mergeTags, validateTags } from "./validation";
import { ServiceError } from "../../protocols/types";

/** A taggable resource found by ARN; tags are read and written through it. */
interface Taggable {
  arn: string;
  tags: DxTag[];
  setTags(tags: DxTag[]): void;
}

const ARN_PATTERN = /^arn:aws:directconnect:([a-z0-9-]+):(\d{12}):(dxcon|dxlag)\/(.+)$/;

/**
 * Resolves a Direct Connect ARN in the caller's account and the request's region. An ARN naming another account or
 * region is "not found", as AWS cannot see it from here.
 */
function resolve(arn: string, ctx: OperationContext): Taggable {
  const m = ARN_PATTERN.exec(arn);
  if (!m) throw clientError(`${arn} is not a valid Direct Connect resource ARN.`);
  const [, region, account, kind, id] = m;
  const state = currentRegion(ctx);
  if (kind === "dxcon") {
    const c = region === ctx.region && account === ctx.caller.accountId ? state.connections[id] : undefined;
    if (!c || c.connectionState === "deleted") throw connectionNotFound(id);
    return { arn: connectionArn(c), tags: c.tags, setTags: (tags) => (c.tags = tags) };
  }
  const lag = region === ctx.region && account === ctx.caller.accountId ? state.lags[id] : undefined;
  if (!lag || lag.lagState === "deleted") throw lagNotFound(id);
  return { arn: lagArn(lag), tags: lag.tags, setTags: (tags) => (lag.tags = tags) };
}

export const tagResource: OperationHandler = (raw, ctx) => {
  const args = new JsonInput(raw, clientError);
  const resourceArn = args.requiredString("resourceArn");
  const rawTags = args.optionalObjectList("tags");
  if (rawTags === undefined || rawTags.length === 0) throw clientError("tags must contain at least one tag.");
  const tags = validateTags(rawTags);
  const resource = resolve(resourceArn, ctx);
  const merged = mergeTags(resource.tags, tags);
  if (merged.length > MAX_TAGS) throw new ServiceError("TooManyTagsException", `A resource can have at most ${MAX_TAGS} tags.`, 400);
  resource.setTags(merged);
  return {};
};

export const untagResource: OperationHandler = (raw, ctx) => {
  const args = new JsonInput(raw, clientError);
  const resourceArn = args.requiredString("resourceArn");
  const tagKeys = args.requiredStringList("tagKeys");
  for (const key of tagKeys) {
    if (key.length < 1 || key.length > 128) throw clientError(`Tag key '${key}' must be between 1 and 128 characters long.`);
  }
  const resource = resolve(resourceArn, ctx);
  resource.setTags(resource.tags.filter((t) => !tagKeys.includes(t.key)));
  return {};
};

export const describeTags: OperationHandler = (raw, ctx) => {
  const resourceArns = new JsonInput(raw, clientError).requiredStringList("resourceArns");
  if (resourceArns.length === 0) throw clientError("resourceArns must contain at least one ARN.");
  return {
    resourceTags: resourceArns.map((arn) => {
      const resource = resolve(arn, ctx);
      return { resourceArn: arn, tags: resource.tags.map((t) => ({ ...t })) };
    }),
  };
};


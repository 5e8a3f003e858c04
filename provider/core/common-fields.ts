import type { FieldSet, ObjectField, StringField } from "./fields";
import { isDuration } from "./durations";
import { lengthBetween, matches } from "./validators";

/**
 * Inputs every resource has: which account and region to act in, how long to wait, and an existing object to adopt.
 * Credentials themselves are never inputs: only the names of where to find them (profile, role).
 */
export const REGION_RULE = matches(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'an AWS region name such as "us-east-1"');

/** `regionNamesObject`: whether the region names the AWS object (then changing it replaces) or only how to reach it. */
export function awsSettingsField(description: string, regionNamesObject = true): ObjectField {
  return {
    type: "object",
    description,
    fields: {
      region: { type: "string", immutable: regionNamesObject, validators: [lengthBetween(5, 30), REGION_RULE] },
      // Which credentials reach the object does not change the object: an update that calls nothing.
      profile: { type: "string", validators: [lengthBetween(1, 128)] },
      roleArn: { type: "string", validators: [matches(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/, "an IAM role ARN such as arn:aws:iam::123456789012:role/name")] },
      externalId: { type: "string", validators: [lengthBetween(2, 1224), matches(/^[\w+=,.@:\/-]+$/, "made of letters, digits and +=,.@:/-_")] },
      endpoint: { type: "string", validators: [matches(/^https?:\/\/[^\s]+$/, "an http(s) URL")] },
    },
  };
}

const DURATION_RULE: StringField = {
  type: "string",
  validators: [(value) => (isDuration(value) ? [] : [{ rule: 'must be a duration such as "30s", "10m" or "1h30m"' }])],
};

export const COMMON_FIELDS: FieldSet = {
  aws: awsSettingsField("Which AWS account and region to act in; default: the standard AWS chain."),
  timeouts: {
    type: "object",
    description: "How long create, update and delete may wait for AWS.",
    fields: { create: DURATION_RULE, update: DURATION_RULE, delete: DURATION_RULE },
  },
  // Dropping adoptId after the adoption changes nothing in AWS; naming another object replaces (see lifecycle diff).
  adoptId: {
    type: "string",
    description: "Take over this existing AWS object instead of creating one.",
    validators: [lengthBetween(1, 256)],
  },
};

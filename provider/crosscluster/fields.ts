import { REGION_RULE } from "../core/common-fields";
import type { CrossFieldRule, ObjectField, StringField } from "../core/fields";
import { lengthBetween, matches } from "../core/validators";
import type { DomainRef } from "./wire";

/** A domain on one side of a connection. Every part names the AWS object, so every part replaces. */
export function domainField(description: string): ObjectField {
  return {
    type: "object",
    required: true,
    immutable: true,
    description,
    fields: {
      domainName: { type: "string", required: true, immutable: true, validators: [lengthBetween(3, 28), matches(/^[a-z][a-z0-9-]+$/, "a domain name: a lowercase letter, then lowercase letters, digits and hyphens")] },
      ownerId: { type: "string", immutable: true, validators: [matches(/^\d{12}$/, "a 12-digit AWS account id")] },
      region: { type: "string", immutable: true, validators: [lengthBetween(5, 30), REGION_RULE] },
    },
  };
}

/** OpenSearch allows 2–100 characters; the legacy Elasticsearch API at most 20. */
export function aliasField(maxLength: number): StringField {
  return {
    type: "string",
    required: true,
    immutable: true,
    validators: [lengthBetween(2, maxLength), matches(/^[a-zA-Z][a-zA-Z0-9_-]+$/, "a letter, then letters, digits, hyphens and underscores")],
  };
}

export function domainOf(value: unknown): DomainRef | undefined {
  if (value === null || typeof value !== "object") return undefined;
  const domain = value as Record<string, unknown>;
  return typeof domain.domainName === "string"
    ? { domainName: domain.domainName, ownerId: domain.ownerId as string | undefined, region: domain.region as string | undefined }
    : undefined;
}

/**
 * Two domain inputs surely name the same domain when name, owner and region are equal (an omitted owner or region means
 * the caller's on both sides). One side naming a region or owner the other omits may or may not be the same: AWS decides.
 */
export function sameDomain(a: DomainRef, b: DomainRef): boolean {
  return a.domainName === b.domainName && a.ownerId === b.ownerId && a.region === b.region;
}

export function notSameDomainRule(local: string, remote: string): CrossFieldRule {
  return {
    uses: [local, remote],
    check: (inputs) => {
      const a = domainOf(inputs[local]);
      const b = domainOf(inputs[remote]);
      return a && b && sameDomain(a, b) ? [{ path: remote, rule: `must be another domain than ${local}: a domain cannot connect to itself` }] : [];
    },
  };
}

import { REGION_RULE } from "../core/common-fields";
import type { CrossFieldRule, ObjectField, StringField } from "../core/fields";
import { isUnknown } from "../core/unknown";
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

/** The `region` of an object input as given: undefined when unset, possibly the unknown marker (preview). */
function regionOf(value: unknown): unknown {
  if (isUnknown(value)) return value;
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>).region : undefined;
}

/** A region given as a known string (not unset, not unknown during preview). */
function givenRegion(value: unknown): string | undefined {
  const region = regionOf(value);
  return typeof region === "string" && !isUnknown(region) ? region : undefined;
}

/**
 * The connection is made by the local domain's owner in the region the provider acts in (`aws.region`), so the local
 * domain must be there: naming another region in `<local>.region` only gets AWS's vague "domain not found".
 */
export function localRegionRule(local: string): CrossFieldRule {
  return {
    uses: ["aws", local],
    check: (inputs) => {
      const acting = givenRegion(inputs.aws);
      const domain = givenRegion(inputs[local]);
      return acting !== undefined && domain !== undefined && acting !== domain
        ? [
            {
              path: `${local}.region`,
              rule:
                "differs from aws.region: when both are given they must be equal, because the connection is made " +
                "in aws.region by the local domain's owner, so the local domain must be in that region (give one of them, or the same region in both)",
            },
          ]
        : [];
    },
  };
}

/**
 * `acceptWith` acts as the remote domain's owner, who sees the inbound side only in the remote domain's region. So
 * `acceptWith.region`, when given, must be that region: `<remote>.region` if given, otherwise the connection's own
 * region (AWS takes an omitted remote region to be the caller's: `aws.region`, else `<local>.region`).
 */
export function acceptRegionRule(local: string, remote: string): CrossFieldRule {
  return {
    uses: ["acceptWith", remote],
    check: (inputs) => {
      const accepting = givenRegion(inputs.acceptWith);
      const named = regionOf(inputs[remote]);
      if (accepting === undefined || isUnknown(named)) return [];
      let implied: string | undefined;
      let where: string;
      if (typeof named === "string") {
        implied = named;
        where = `${remote}.region`;
      } else {
        // Unset: the connection's region decides, unless a part of it is still unknown (preview).
        if ([inputs.aws, regionOf(inputs.aws), inputs[local], regionOf(inputs[local])].some(isUnknown)) return [];
        const from = givenRegion(inputs.aws) !== undefined ? "aws.region" : `${local}.region`;
        implied = givenRegion(inputs.aws) ?? givenRegion(inputs[local]);
        where = `the remote domain's region (${remote}.region is unset, so AWS looks for it in the connection's region, ${from})`;
      }
      if (implied === undefined || implied === accepting) return [];
      // Regions are not secret, but inputs are never quoted (see core/validators.ts): the fields are named instead.
      return [
        {
          path: "acceptWith.region",
          rule:
            `differs from ${where}: acceptWith acts as the remote domain's owner, who sees the connection only in the remote ` +
            `domain's region, so they must be equal (or leave acceptWith.region unset: it defaults to the remote domain's region)`,
        },
      ];
    },
  };
}

import { readFileSync } from "node:fs";
import { resolveAccount } from "../../accounts";
import type { DomainInfo, DomainInput } from "../../types";
import SEED from "./seed-domains.json";

/**
 * The built-in domains (seed-domains.json): OpenSearch 2.x in primary/us-east-1, partner/us-east-1 and primary/us-west-2,
 * Elasticsearch 7.10 in primary and partner us-east-1, an older OpenSearch 1.3 and Elasticsearch 6.8, VPC domains, and
 * a third account. Tests and users replace them with `domains`/`domainsFile` or change them through the control API.
 */
export const SEEDED_DOMAINS: readonly DomainInput[] = Object.freeze(SEED.map((d) => Object.freeze({ ...d })));

export const DOMAIN_NAME_PATTERN = /^[a-z][a-z0-9-]+$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const ENGINE_PATTERN = /^(OpenSearch|Elasticsearch)_(\d+)\.(\d+)$/;

export interface Engine {
  engine: "OpenSearch" | "Elasticsearch";
  major: number;
  minor: number;
}

export function parseEngine(engineVersion: string): Engine | undefined {
  const m = ENGINE_PATTERN.exec(engineVersion);
  if (!m) return undefined;
  return { engine: m[1] as Engine["engine"], major: Number(m[2]), minor: Number(m[3]) };
}

/**
 * Orders engine versions by age: every Elasticsearch version predates every OpenSearch version (OpenSearch forked
 * from Elasticsearch 7.10), then by major and minor. Negative when `a` is older than `b`.
 */
export function compareEngines(a: Engine, b: Engine): number {
  const rank = (e: Engine): number => (e.engine === "OpenSearch" ? 1 : 0);
  return rank(a) - rank(b) || a.major - b.major || a.minor - b.minor;
}

export function isElasticsearch(domain: DomainInfo): boolean {
  return parseEngine(domain.engineVersion)?.engine === "Elasticsearch";
}

export function domainArn(accountId: string, region: string, domainName: string): string {
  return `arn:aws:es:${region}:${accountId}:domain/${domainName}`;
}

/** Validates one domain from JSON (fixture file, option or control API); throws TypeError naming the problem. */
export function toDomainInfo(value: unknown): DomainInfo {
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new TypeError("a domain must be an object");
  const v = value as Record<string, unknown>;
  const text = (name: string): string => {
    const field = v[name];
    if (typeof field !== "string" || field === "") throw new TypeError(`domain ${name} must be a non-empty string`);
    return field;
  };
  const account = resolveAccount(text("account"));
  if (!account) throw new TypeError(`unknown account ${String(v.account)}`);
  const region = text("region");
  if (!REGION_PATTERN.test(region)) throw new TypeError(`domain region ${region} is not a region name`);
  const domainName = text("domainName");
  if (domainName.length < 3 || domainName.length > 28 || !DOMAIN_NAME_PATTERN.test(domainName)) {
    throw new TypeError(`domainName ${domainName} must be 3-28 characters of [a-z0-9-] starting with a letter`);
  }
  const engineVersion = text("engineVersion");
  if (!parseEngine(engineVersion)) throw new TypeError(`engineVersion ${engineVersion} must look like OpenSearch_2.11 or Elasticsearch_7.10`);
  if (v.vpc !== undefined && typeof v.vpc !== "boolean") throw new TypeError("domain vpc must be a boolean");
  return {
    accountId: account.accountId,
    region,
    domainName,
    engineVersion,
    vpc: v.vpc === true,
    arn: domainArn(account.accountId, region, domainName),
  };
}

/** Validates a whole domain list; a domain named twice in one account and region is an error. */
export function toDomainList(value: unknown): DomainInfo[] {
  if (!Array.isArray(value)) throw new TypeError("domains must be an array");
  const out: DomainInfo[] = [];
  for (const item of value) {
    const domain = toDomainInfo(item);
    if (out.some((d) => d.accountId === domain.accountId && d.region === domain.region && d.domainName === domain.domainName)) {
      throw new TypeError(`domain ${domain.domainName} is listed twice for ${domain.accountId} in ${domain.region}`);
    }
    out.push(domain);
  }
  return out;
}

/** Reads a domains file (a JSON array of DomainInput). */
export function loadDomainsFile(file: string): DomainInfo[] {
  const text = readFileSync(file, "utf8");
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return toDomainList(parsed);
  } catch (err) {
    throw new Error(`${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function findDomain(domains: readonly DomainInfo[], accountId: string, region: string, domainName: string): DomainInfo | undefined {
  return domains.find((d) => d.accountId === accountId && d.region === region && d.domainName === domainName);
}

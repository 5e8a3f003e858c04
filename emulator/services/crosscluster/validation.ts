import { DOMAIN_NAME_PATTERN } from "./domains";
import { constraint, missing, serialization } from "./errors";

/** The model's constraints (OpenSearch 2021-01-01 and Elasticsearch 2015-01-01 share them unless noted). */
export const MAX_OUTBOUND_PER_DOMAIN = 20;
export const MAX_INBOUND_PER_DOMAIN = 20;
export const MAX_PAGE_SIZE = 100;
const OWNER_ID = /^[0-9]{12}$/;
const ALIAS = /^[a-zA-Z][a-zA-Z0-9\-_]+$/;
const ENDPOINT = /^[A-Za-z0-9\-.]+$/;
const CONNECTION_ID = /^[a-z][a-z0-9-]+$/;

/** Typed access to one JSON structure of untrusted input; `path` names members in errors as AWS does. */
export class Struct {
  constructor(
    private readonly value: Record<string, unknown>,
    private readonly path: string,
  ) {}

  static of(value: unknown, path: string): Struct {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw serialization(path || "input", "a structure");
    return new Struct(value as Record<string, unknown>, path);
  }

  member(name: string): string {
    const local = name.charAt(0).toLowerCase() + name.slice(1);
    return this.path ? `${this.path}.${local}` : local;
  }

  optionalString(name: string): string | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") throw serialization(this.member(name), "a string");
    return v;
  }

  requiredString(name: string): string {
    const v = this.optionalString(name);
    if (v === undefined) throw missing(this.member(name));
    return v;
  }

  optionalStruct(name: string): Struct | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return undefined;
    return Struct.of(v, this.member(name));
  }

  requiredStruct(name: string): Struct {
    const v = this.optionalStruct(name);
    if (v === undefined) throw missing(this.member(name));
    return v;
  }

  optionalInteger(name: string): number | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v)) throw serialization(this.member(name), "an integer");
    return v;
  }

  optionalList(name: string): unknown[] | undefined {
    const v = this.value[name];
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v)) throw serialization(this.member(name), "a list");
    return v;
  }
}

export function checkDomainName(member: string, value: string): string {
  if (value.length < 3 || value.length > 28) throw constraint(member, value, "Member must have length between 3 and 28");
  if (!DOMAIN_NAME_PATTERN.test(value)) throw constraint(member, value, "Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]+");
  return value;
}

export function checkOwnerId(member: string, value: string): string {
  if (value.length !== 12) throw constraint(member, value, "Member must have length between 12 and 12");
  if (!OWNER_ID.test(value)) throw constraint(member, value, "Member must satisfy regular expression pattern: [0-9]+");
  return value;
}

export function checkRegion(member: string, value: string): string {
  if (value.length < 5 || value.length > 30) throw constraint(member, value, "Member must have length between 5 and 30");
  return value;
}

export function checkAlias(member: string, value: string, maxLength: number): string {
  if (value.length < 2 || value.length > maxLength) {
    throw constraint(member, value, `Member must have length between 2 and ${maxLength}`);
  }
  if (!ALIAS.test(value)) throw constraint(member, value, "Member must satisfy regular expression pattern: [a-zA-Z][a-zA-Z0-9\\-\\_]+");
  return value;
}

export function checkEndpoint(member: string, value: string): string {
  if (value.length < 1 || value.length > 255) throw constraint(member, value, "Member must have length between 1 and 255");
  if (!ENDPOINT.test(value)) throw constraint(member, value, "Member must satisfy regular expression pattern: ^[A-Za-z0-9\\-\\.]+$");
  return value;
}

export function checkConnectionId(member: string, value: string): string {
  if (value.length < 10 || value.length > 256) throw constraint(member, value, "Member must have length between 10 and 256");
  if (!CONNECTION_ID.test(value)) throw constraint(member, value, "Member must satisfy regular expression pattern: [a-z][a-z0-9\\-]+");
  return value;
}

export function checkEnum<T extends string>(member: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw constraint(member, value, `Member must satisfy enum value set: [${allowed.join(", ")}]`);
  }
  return value as T;
}

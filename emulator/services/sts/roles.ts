import { TEST_ACCOUNTS, accountById, uniqueId } from "../../accounts";

export interface RoleDefinition {
  roleName: string;
  roleArn: string;
  roleId: string;
  accountId: string;
  /** Seconds; AWS's default for a role is one hour. */
  maxSessionDuration: number;
  /** Accounts whose principals the trust policy allows. */
  trustedAccounts: readonly string[];
  /** When set, the trust policy requires sts:ExternalId to equal this. */
  requiredExternalId?: string;
}

export const TEST_EXTERNAL_ID = "pulumi-aws-connections-test";

/** The role templates seeded in every test account; each trusts every test account. */
const SEEDED: ReadonlyArray<{ roleName: string; requiredExternalId?: string }> = [
  { roleName: "connections-admin" },
  { roleName: "connections-admin-external", requiredExternalId: TEST_EXTERNAL_ID },
];

export function findRole(accountId: string, roleName: string): RoleDefinition | undefined {
  if (!accountById(accountId)) return undefined;
  const seed = SEEDED.find((r) => r.roleName === roleName);
  if (!seed) return undefined;
  const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
  return {
    roleName,
    roleArn,
    roleId: uniqueId("AROA", roleArn),
    accountId,
    maxSessionDuration: 3600,
    trustedAccounts: TEST_ACCOUNTS.map((a) => a.accountId),
    ...(seed.requiredExternalId !== undefined ? { requiredExternalId: seed.requiredExternalId } : {}),
  };
}

export function seededRoleNames(): string[] {
  return SEEDED.map((r) => r.roleName);
}

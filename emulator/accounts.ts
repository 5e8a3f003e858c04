import { createHash } from "node:crypto";
import type { TestAccount } from "./types";

/**
 * The seeded accounts. Keys are fixed so that they can be pasted into shells and CI configuration once and keep
 * working; they are meaningless outside the emulator.
 */
export const TEST_ACCOUNTS: readonly TestAccount[] = Object.freeze([
  {
    name: "primary",
    accountId: "111111111111",
    accessKeyId: "AKIAPRIMARY111111111",
    secretAccessKey: "primarySecretKey/EmulatorOnly/1111111111",
  },
  {
    name: "partner",
    accountId: "222222222222",
    accessKeyId: "AKIAPARTNER222222222",
    secretAccessKey: "partnerSecretKey/EmulatorOnly/2222222222",
  },
  {
    name: "third",
    accountId: "333333333333",
    accessKeyId: "AKIATHIRD33333333333",
    secretAccessKey: "thirdSecretKey/EmulatorOnly/333333333333",
  },
]);

export function accountByKey(accessKeyId: string): TestAccount | undefined {
  return TEST_ACCOUNTS.find((a) => a.accessKeyId === accessKeyId);
}

export function accountById(accountId: string): TestAccount | undefined {
  return TEST_ACCOUNTS.find((a) => a.accountId === accountId);
}

/** Accepts an account name ("primary") or a 12-digit id; used by the control API and `envFor`. */
export function resolveAccount(nameOrId: string): TestAccount | undefined {
  return TEST_ACCOUNTS.find((a) => a.name === nameOrId || a.accountId === nameOrId);
}

/** The IAM user that owns each account's long-term keys. */
export function userName(account: TestAccount): string {
  return `emulator-${account.name}`;
}

export function userArn(account: TestAccount): string {
  return `arn:aws:iam::${account.accountId}:user/${userName(account)}`;
}

/**
 * A stable IAM unique id ("AIDA…", "AROA…": prefix + 17 characters), derived from the ARN so that it survives
 * restarts without being stored.
 */
export function uniqueId(prefix: "AIDA" | "AROA", arn: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const digest = createHash("sha256").update(arn).digest();
  let out = prefix;
  for (let i = 0; out.length < prefix.length + 17; i++) out += alphabet[digest[i] % alphabet.length];
  return out;
}

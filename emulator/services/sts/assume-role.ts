import { ServiceError } from "../../protocols/types";
import type { OperationHandler } from "../types";
import { findRole } from "./roles";
import { newSessionCredentials, saveSession, type SessionRecord } from "./sessions";

const ROLE_ARN = /^arn:aws:iam::(\d{12}):role\/(?:[\w+=,.@-]+\/)*([\w+=,.@-]+)$/;
const SESSION_NAME = /^[\w+=,.@-]*$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]*$/;

/** STS reports request-shape problems as ValidationError with Coral's "1 validation error detected" wording. */
function validation(field: string, value: string | undefined, constraint: string): ServiceError {
  const shown = value === undefined ? "null" : `'${value}'`;
  return new ServiceError("ValidationError", `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`, 400);
}

function param(input: Record<string, unknown>, name: string): string | undefined {
  const value = input[name];
  return typeof value === "string" ? value : undefined;
}

export const assumeRole: OperationHandler = (input, ctx) => {
  const roleArn = param(input, "RoleArn");
  const sessionName = param(input, "RoleSessionName");
  const externalId = param(input, "ExternalId");
  const durationText = param(input, "DurationSeconds");

  if (roleArn === undefined) throw validation("roleArn", roleArn, "Member must not be null");
  if (roleArn.length < 20 || roleArn.length > 2048) throw validation("roleArn", roleArn, "Member must have length greater than or equal to 20");
  if (sessionName === undefined) throw validation("roleSessionName", sessionName, "Member must not be null");
  if (sessionName.length < 2 || sessionName.length > 64) {
    throw validation("roleSessionName", sessionName, "Member must have length between 2 and 64");
  }
  if (!SESSION_NAME.test(sessionName)) {
    throw validation("roleSessionName", sessionName, "Member must satisfy regular expression pattern: [\\w+=,.@-]*");
  }
  if (externalId !== undefined && (externalId.length < 2 || externalId.length > 1224 || !EXTERNAL_ID.test(externalId))) {
    throw validation("externalId", externalId, "Member must satisfy regular expression pattern: [\\w+=,.@:\\/-]*");
  }
  let duration = 3600;
  if (durationText !== undefined) {
    duration = Number(durationText);
    if (!Number.isInteger(duration)) throw validation("durationSeconds", durationText, "Member must be an integer");
    if (duration < 900) throw validation("durationSeconds", durationText, "Member must have value greater than or equal to 900");
    if (duration > 43200) throw validation("durationSeconds", durationText, "Member must have value less than or equal to 43200");
  }

  // AWS does not reveal whether a role exists: a missing role, a trust policy that does not match and a wrong or
  // missing ExternalId all read the same.
  const denied = new ServiceError(
    "AccessDenied",
    `User: ${ctx.caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
  const m = ROLE_ARN.exec(roleArn);
  const role = m ? findRole(m[1], m[2]) : undefined;
  if (!role || role.roleArn !== roleArn) throw denied;
  if (!role.trustedAccounts.includes(ctx.caller.accountId)) throw denied;
  if (role.requiredExternalId !== undefined && externalId !== role.requiredExternalId) throw denied;

  if (ctx.caller.session && duration > 3600) {
    throw new ServiceError("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.", 400);
  }
  if (duration > role.maxSessionDuration) {
    throw new ServiceError("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.", 400);
  }

  const credentials = newSessionCredentials();
  const session: SessionRecord = {
    ...credentials,
    expiration: Math.floor(ctx.realNow / 1000) * 1000 + duration * 1000,
    accountId: role.accountId,
    roleName: role.roleName,
    roleArn: role.roleArn,
    roleId: role.roleId,
    sessionName,
    assumedRoleArn: `arn:aws:sts::${role.accountId}:assumed-role/${role.roleName}/${sessionName}`,
  };
  saveSession(ctx.runtime.store, session, ctx.realNow);

  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiration),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${session.roleId}:${sessionName}`,
      Arn: session.assumedRoleArn,
    },
  };
};

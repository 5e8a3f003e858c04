import type { WorkspaceType } from "../../types";
import { constraint, validation } from "../crosscluster/errors";
import { Struct, checkEnum } from "../crosscluster/validation";
import type { WorkspaceConfiguration } from "./model";

/*
 * Wire-input rules of the data-source attachment operations (OpenSearch 2021-01-01). Failures are ValidationException
 * with AWS's "1 validation error detected: Value … at '<member>' failed to satisfy constraint: …" wording, naming the
 * member as the model does (camelCase).
 */

export const APPLICATION_ID = /^[a-z0-9]{3,30}$/;
/** CreateApplication's name rule. */
export const APPLICATION_NAME = /^[a-z][a-z0-9-]{2,29}$/;
export const WORKSPACE_TYPES: readonly WorkspaceType[] = ["OBSERVABILITY", "SECURITY_ANALYTICS", "SEARCH"];
export const WORKSPACE_NAME = /^[A-Za-z0-9()[\]\-_ ]{1,40}$/;
export const MAX_PAGE_SIZE = 100;

/** The `{id}` path label: "the unique identifier or name of the OpenSearch application", so either rule will do. */
export function checkApplicationRef(value: string): string {
  if (value.length < 3 || value.length > 30) throw constraint("id", value, "Member must have length between 3 and 30");
  if (!APPLICATION_ID.test(value) && !APPLICATION_NAME.test(value)) {
    throw constraint("id", value, "Member must satisfy regular expression pattern: [a-z0-9]{3,30} (an application id) or [a-z][a-z0-9\\-]+ (an application name)");
  }
  return value;
}

export function checkDataSourceArn(value: string): string {
  if (value.length < 20 || value.length > 2048) throw constraint("dataSourceArn", value, "Member must have length between 20 and 2048");
  return value;
}

/** Workspace names: 1–40 of letters, digits, parentheses, brackets, hyphens, underscores and spaces. */
export function checkWorkspaceName(member: string, value: string): string {
  if (value.length < 1 || value.length > 40) throw constraint(member, value, "Member must have length between 1 and 40");
  if (!WORKSPACE_NAME.test(value)) throw constraint(member, value, "Member must satisfy regular expression pattern: [a-zA-Z0-9()\\[\\]\\-_ ]+");
  return value;
}

/** AttachDataSource's input after the model's checks (the application is still only a reference). */
export interface AttachRequest {
  applicationRef: string;
  dataSourceArn: string;
  workspaceId?: string;
  workspaceConfiguration?: WorkspaceConfiguration;
  clientToken?: string;
}

export function attachRequest(input: Struct): AttachRequest {
  const applicationRef = checkApplicationRef(input.requiredString("id"));
  const dataSourceArn = checkDataSourceArn(input.requiredString("dataSourceArn"));
  const workspaceId = input.optionalString("workspaceId");
  if (workspaceId !== undefined && (workspaceId.length < 1 || workspaceId.length > 256)) {
    throw constraint("workspaceId", workspaceId, "Member must have length between 1 and 256");
  }
  const config = input.optionalStruct("workspaceConfiguration");
  if (workspaceId !== undefined && config !== undefined) {
    throw validation("workspaceId and workspaceConfiguration are mutually exclusive: specify at most one of them.");
  }
  const workspaceConfiguration: WorkspaceConfiguration | undefined = config && {
    name: checkWorkspaceName(config.member("name"), config.requiredString("name")),
    workspaceType: checkEnum(config.member("workspaceType"), config.requiredString("workspaceType"), WORKSPACE_TYPES),
  };
  const clientToken = input.optionalString("clientToken");
  // The model does not publish a length for this token; 1–64 is the rule of AWS's other OpenSearch client tokens.
  if (clientToken !== undefined && (clientToken.length < 1 || clientToken.length > 64)) {
    throw constraint("clientToken", clientToken, "Member must have length between 1 and 64");
  }
  return {
    applicationRef,
    dataSourceArn,
    ...(workspaceId !== undefined ? { workspaceId } : {}),
    ...(workspaceConfiguration !== undefined ? { workspaceConfiguration } : {}),
    ...(clientToken !== undefined ? { clientToken } : {}),
  };
}

/** ListDataSourceAttachments' maxResults: 1–100 (default 100). */
export function checkMaxResults(value: number | undefined): number {
  if (value === undefined) return MAX_PAGE_SIZE;
  if (value < 1) throw constraint("maxResults", value, "Member must have value greater than or equal to 1");
  if (value > MAX_PAGE_SIZE) throw constraint("maxResults", value, `Member must have value less than or equal to ${MAX_PAGE_SIZE}`);
  return value;
}

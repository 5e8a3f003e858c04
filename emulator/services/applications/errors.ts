import { ServiceError } from "../../protocols/types";
import { notFound } from "../crosscluster/errors";

/*
 * The errors of the data-source attachment operations beyond those the cross-cluster operations already define
 * (ValidationException 400, ResourceNotFoundException 409: same API, same model, see ../crosscluster/errors.ts).
 */

/** ConflictException: 409 in the 2021-01-01 model. */
export const conflict = (message: string): ServiceError => new ServiceError("ConflictException", message, 409);

export const applicationNotFound = (id: string): ServiceError => notFound(`Application not found: ${id}`);

export const dataSourceNotFound = (dataSourceArn: string): ServiceError => notFound(`Data source not found: ${dataSourceArn}`);

export const attachmentNotFound = (applicationId: string, dataSourceArn: string): ServiceError =>
  notFound(`No data source attachment of ${dataSourceArn} exists for application ${applicationId}.`);

export const workspaceNotFound = (applicationId: string, workspaceId: string): ServiceError =>
  notFound(`Workspace not found: ${workspaceId} is not a workspace of application ${applicationId}.`);

/** AWS's idempotency wording (EC2's IdempotentParameterMismatch), under the error type this API declares. */
export const tokenMismatch = (clientToken: string): ServiceError =>
  conflict(
    `IdempotentParameterMismatch: the client token '${clientToken}' was already used with different parameters. ` +
      "Retry with the original parameters, or use a new client token.",
  );

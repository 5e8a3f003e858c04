import { ServiceError } from "../../protocols/types";
import type { ServiceDefinition } from "../types";

/**
 * The OpenSearch/Elasticsearch configuration API's errors, with the HTTP statuses their Smithy models declare (both
 * SDKs deserialize by the `x-amzn-ErrorType` code). Note that both SDKs classify LimitExceededException as a
 * throttling error and retry it.
 */
export const validation = (message: string): ServiceError => new ServiceError("ValidationException", message, 400);
export const notFound = (message: string): ServiceError => new ServiceError("ResourceNotFoundException", message, 409);
export const alreadyExists = (message: string): ServiceError => new ServiceError("ResourceAlreadyExistsException", message, 409);
export const limitExceeded = (message: string): ServiceError => new ServiceError("LimitExceededException", message, 409);
export const badPaginationToken = (): ServiceError =>
  new ServiceError("InvalidPaginationTokenException", "The pagination token is invalid or has expired.", 400);

/** AWS's wording for a member that breaks a model constraint. */
export function constraint(member: string, value: string | number, rule: string): ServiceError {
  return validation(`1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ${rule}`);
}

export function missing(member: string): ServiceError {
  return validation(`1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
}

export function serialization(member: string, expected: string): ServiceError {
  return new ServiceError("SerializationException", `Member '${member}' must be ${expected}.`, 400);
}

export const connectionNotFound = (connectionId: string): ServiceError => notFound(`Connection not found: ${connectionId}`);

export const domainNotFound = (domainName: string): ServiceError => notFound(`Domain not found: ${domainName}`);

/**
 * How the OpenSearch/Elasticsearch front end reports injected faults, for every service behind it. The legacy model
 * declares no throttling error; AWS's front end answers 429 for both families, which the SDKs retry.
 */
export const ES_FAULT_ERRORS: ServiceDefinition["faultErrors"] = {
  throttle: { code: "ThrottlingException", status: 429, message: "Rate exceeded" },
  serverError: { code: "InternalException", status: 500, message: "Internal error. Please try again." },
};

import { ServiceError } from "../../protocols/types";

/** Direct Connect reports almost every request problem as this one exception, with a message saying which. */
export function clientError(message: string): ServiceError {
  return new ServiceError("DirectConnectClientException", message, 400);
}

export function connectionNotFound(connectionId: string): ServiceError {
  return clientError(`Could not find Connection with ID ${connectionId}`);
}

export function lagNotFound(lagId: string): ServiceError {
  return clientError(`Could not find Lag with ID ${lagId}`);
}

import { ServiceError } from "../protocols/types";

/**
 * Typed access to untrusted JSON input. A member of the wrong JSON type is a SerializationException, as the
 * JSON protocols report it; a semantic problem (missing, empty) is reported through `invalid`, which each service
 * maps to its own error type.
 */
export class JsonInput {
  constructor(
    private readonly input: Record<string, unknown>,
    private readonly invalid: (message: string) => ServiceError,
  ) {}

  optionalString(name: string): string | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") throw serialization(name, "a string");
    return value;
  }

  requiredString(name: string): string {
    const value = this.optionalString(name);
    if (value === undefined || value === "") throw this.invalid(`${name} is required and must not be empty.`);
    return value;
  }

  optionalBoolean(name: string): boolean | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "boolean") throw serialization(name, "a boolean");
    return value;
  }

  optionalInteger(name: string): number | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw serialization(name, "an integer");
    return value;
  }

  optionalStringList(name: string): string[] | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) throw serialization(name, "a list of strings");
    return value as string[];
  }

  requiredStringList(name: string): string[] {
    const value = this.optionalStringList(name);
    if (value === undefined) throw this.invalid(`${name} is required.`);
    return value;
  }

  optionalObjectList(name: string): Array<Record<string, unknown>> | undefined {
    const value = this.input[name];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "object" || v === null || Array.isArray(v))) {
      throw serialization(name, "a list of structures");
    }
    return value as Array<Record<string, unknown>>;
  }
}

function serialization(name: string, expected: string): ServiceError {
  return new ServiceError("SerializationException", `Member '${name}' must be ${expected}.`, 400);
}

/**
 * Declarative field specs, after the Terraform Plugin Framework: each field says whether it is required, immutable
 * (changing it replaces the AWS object), its default and its validators; computed outputs are declared by name on the
 * resource spec. Generic check and diff derive everything from these declarations.
 */

/** A violated rule: `rule` is the human text ("must be one of …"); `path` is relative to the field being checked. */
export interface Issue {
  path?: string;
  rule: string;
}

interface FieldBase {
  required?: boolean;
  /** Changing the value means a new AWS object (Terraform's RequiresReplace). */
  immutable?: boolean;
  /** One line for readers of the spec (the user-facing docs are the SDK's JSDoc and the README). */
  description?: string;
}

export interface StringField extends FieldBase {
  type: "string";
  default?: string;
  validators?: Array<(value: string) => Issue[]>;
}

export interface BooleanField extends FieldBase {
  type: "boolean";
  default?: boolean;
  validators?: Array<(value: boolean) => Issue[]>;
}

export interface NumberField extends FieldBase {
  type: "number";
  default?: number;
  validators?: Array<(value: number) => Issue[]>;
}

/** A map of string to string, such as AWS tags. */
export interface StringMapField extends FieldBase {
  type: "stringMap";
  validators?: Array<(value: Record<string, string>) => Issue[]>;
}

export interface ObjectField extends FieldBase {
  type: "object";
  fields: FieldSet;
  validators?: Array<(value: Record<string, unknown>) => Issue[]>;
}

export type FieldSpec = StringField | BooleanField | NumberField | StringMapField | ObjectField;
export type FieldSet = Record<string, FieldSpec>;

/** A rule over several fields; skipped while any field it reads is unknown (preview). */
export interface CrossFieldRule {
  uses: string[];
  check(inputs: Record<string, unknown>): Array<Required<Issue>>;
}

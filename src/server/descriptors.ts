// FileDescriptorProtos for the embedded protos, as protoc emits them: each
// file under its real path, its imports listed, fully-qualified type names,
// map entries named `<Field>Entry` with `map_entry` set, proto3 syntax.
// protobufjs's own Root#toDescriptor gets each of these wrong (stock tools
// reject its output), so the descriptors are built here from the same
// protobufjs schema the server uses. The reflection tests compare the result
// with protoc's output for the same .proto files.
//
// Invariant: every embedded proto is proto3 and is the only file of its package.

import protobuf from "protobufjs";
import {
  FileDescriptorProto,
  type IDescriptorProto,
  type IEnumDescriptorProto,
  type IFieldDescriptorProto,
  type IFileDescriptorProto,
  type IServiceDescriptorProto,
} from "protobufjs/ext/descriptor/index.js";

/** The path each package's proto has under `proto/`, and so in the descriptor. */
const filePaths: Record<string, string> = {
  "falconqueue.v1": "falconqueue/v1/service.proto",
  "grpc.health.v1": "grpc/health/v1/health.proto",
  "grpc.reflection.v1": "grpc/reflection/v1/reflection.proto",
  "grpc.reflection.v1alpha": "grpc/reflection/v1alpha/reflection.proto",
};

export interface DescribedFile {
  name: string;
  /** Names of the files this one imports. */
  dependencies: string[];
  /** The encoded FileDescriptorProto. */
  bytes: Uint8Array;
  /** Fully-qualified names (no leading dot) of every symbol the file defines. */
  symbols: string[];
  /** The message types among `symbols`. */
  messages: string[];
}

/** One descriptor per package namespace of `root` that defines something. */
export function describeFiles(root: protobuf.Root): DescribedFile[] {
  return packages(root).map((ns) => new FileBuilder(ns).build());
}

function packages(ns: protobuf.Namespace): protobuf.Namespace[] {
  const own = ns.nestedArray.some((x) => !isPlainNamespace(x)) ? [ns] : [];
  return own.concat(ns.nestedArray.filter(isPlainNamespace).flatMap((x) => packages(x)));
}

function isPlainNamespace(x: protobuf.ReflectionObject): x is protobuf.Namespace {
  return x instanceof protobuf.Namespace && !(x instanceof protobuf.Type) && !(x instanceof protobuf.Service);
}

function fileOf(x: protobuf.ReflectionObject): string {
  let ns: protobuf.ReflectionObject | null = x.parent;
  while (ns !== null && !isPlainNamespace(ns)) ns = ns.parent;
  return fileName(ns === null ? "" : bare(ns.fullName));
}

/** Packages outside the table (test fixtures) get a path spelled after the package. */
function fileName(pkg: string): string {
  return filePaths[pkg] ?? `${pkg.replaceAll(".", "/") || "root"}.proto`;
}

/** A protobufjs full name (".pkg.Type", as type_name wants it) without the leading dot. */
const bare = (fullName: string) => fullName.slice(1);

/** protoc's ToJsonName: `max_attempts` → `maxAttempts`. */
export function jsonName(field: string): string {
  return camel(field, false);
}

/** protoc's MapEntryName: `metadata` → `MetadataEntry`, `foo_bar` → `FooBarEntry`. */
export function mapEntryName(field: string): string {
  return `${camel(field, true)}Entry`;
}

/** Drops underscores and capitalizes the letter after each, as protoc does. */
function camel(name: string, capitalizeFirst: boolean): string {
  let out = "";
  let up = capitalizeFirst;
  for (const c of name) {
    if (c === "_") up = true;
    else {
      out += up ? c.toUpperCase() : c;
      up = false;
    }
  }
  return out;
}

const LABEL_OPTIONAL = 1;
const LABEL_REPEATED = 3;
const TYPE_MESSAGE = 11;
const TYPE_ENUM = 14;
const scalarTypes: Record<string, number> = {
  double: 1,
  float: 2,
  int64: 3,
  uint64: 4,
  int32: 5,
  fixed64: 6,
  fixed32: 7,
  bool: 8,
  string: 9,
  bytes: 12,
  uint32: 13,
  sfixed32: 15,
  sfixed64: 16,
  sint32: 17,
  sint64: 18,
};

class FileBuilder {
  private readonly name: string;
  private readonly dependencies: string[] = [];
  private readonly symbols: string[] = [];
  private readonly messages: string[] = [];

  constructor(private readonly ns: protobuf.Namespace) {
    this.name = fileName(bare(ns.fullName));
  }

  build(): DescribedFile {
    const nested = this.ns.nestedArray;
    const proto: IFileDescriptorProto = {
      name: this.name,
      package: bare(this.ns.fullName),
      messageType: nested.filter((x) => x instanceof protobuf.Type).map((t) => this.message(t)),
      enumType: nested.filter((x) => x instanceof protobuf.Enum).map((e) => this.enumType(e)),
      service: nested.filter((x) => x instanceof protobuf.Service).map((s) => this.service(s)),
      syntax: "proto3",
    };
    proto.dependency = this.dependencies;
    const bytes = FileDescriptorProto.encode(proto).finish();
    return { name: this.name, dependencies: this.dependencies, bytes, symbols: this.symbols, messages: this.messages };
  }

  /** A type reference: its full name, and an import if it lives in another file. */
  private ref(x: protobuf.ReflectionObject): string {
    const file = fileOf(x);
    if (file !== this.name && !this.dependencies.includes(file)) this.dependencies.push(file);
    return x.fullName;
  }

  private define(fullName: string): void {
    this.symbols.push(bare(fullName));
  }

  private message(t: protobuf.Type): IDescriptorProto {
    this.define(t.fullName);
    this.messages.push(bare(t.fullName));
    // Synthetic oneofs (proto3 `optional`) must follow the real ones.
    const oneofs = [...t.oneofsArray].sort((a, b) => Number(isSynthetic(a)) - Number(isSynthetic(b)));
    for (const o of oneofs) this.define(`${t.fullName}.${o.name}`);
    const maps: protobuf.MapField[] = t.fieldsArray.flatMap((f) => (f instanceof protobuf.MapField ? [f] : []));
    const d: IDescriptorProto = {
      name: t.name,
      field: t.fieldsArray.map((f) => this.field(f, oneofs)),
      // protoc orders map entries and declared nested types by source position,
      // which protobufjs does not keep; entries come first here. Consumers look
      // nested types up by name, so the order only matters to a byte compare.
      nestedType: [
        ...maps.map((f) => this.mapEntry(t, f)),
        ...t.nestedArray.filter((x) => x instanceof protobuf.Type).map((n) => this.message(n)),
      ],
      enumType: t.nestedArray.filter((x) => x instanceof protobuf.Enum).map((e) => this.enumType(e)),
      oneofDecl: oneofs.map((o) => ({ name: o.name })),
    };
    for (const r of t.reserved ?? []) {
      if (typeof r === "string") (d.reservedName ??= []).push(r);
      else (d.reservedRange ??= []).push({ start: r[0], end: (r[1] ?? 0) + 1 }); // protobufjs: inclusive; descriptor: exclusive
    }
    return d;
  }

  private field(f: protobuf.Field, oneofs: protobuf.OneOf[]): IFieldDescriptorProto {
    this.define(`${(f.parent as protobuf.Type).fullName}.${f.name}`);
    const d: IFieldDescriptorProto & { proto3Optional?: boolean } = {
      name: f.name,
      number: f.id,
      label: f.repeated || f.map ? LABEL_REPEATED : LABEL_OPTIONAL,
      // A map field is a repeated field of its `<Field>Entry` message.
      ...(f.map ? { type: TYPE_MESSAGE, typeName: `${f.parent?.fullName}.${mapEntryName(f.name)}` } : this.fieldType(f)),
      jsonName: jsonName(f.name),
    };
    if (f.partOf !== null) d.oneofIndex = oneofs.indexOf(f.partOf);
    if (f.options?.proto3_optional === true) d.proto3Optional = true;
    if (typeof f.options?.packed === "boolean") d.options = { packed: f.options.packed };
    return d;
  }

  /** The wire type of a field's value (for a map: of the map's values). */
  private fieldType(f: protobuf.FieldBase): Pick<IFieldDescriptorProto, "type" | "typeName"> {
    const resolved = f.resolve().resolvedType;
    if (resolved instanceof protobuf.Enum) return { type: TYPE_ENUM, typeName: this.ref(resolved) };
    if (resolved instanceof protobuf.Type) return { type: TYPE_MESSAGE, typeName: this.ref(resolved) };
    const type = scalarTypes[f.type];
    if (type === undefined) throw new Error(`${f.fullName}: unknown type ${f.type}`);
    return { type };
  }

  /** The nested `<Field>Entry` message protoc generates for a map field. */
  private mapEntry(t: protobuf.Type, f: protobuf.MapField): IDescriptorProto {
    const name = mapEntryName(f.name);
    this.define(`${t.fullName}.${name}`);
    this.define(`${t.fullName}.${name}.key`);
    this.define(`${t.fullName}.${name}.value`);
    this.messages.push(bare(`${t.fullName}.${name}`));
    const keyType = scalarTypes[f.keyType];
    if (keyType === undefined) throw new Error(`${f.fullName}: unknown map key type ${f.keyType}`);
    const value = { name: "value", number: 2, label: LABEL_OPTIONAL, ...this.fieldType(f), jsonName: "value" };
    return {
      name,
      field: [{ name: "key", number: 1, label: LABEL_OPTIONAL, type: keyType, jsonName: "key" }, value],
      options: { mapEntry: true },
    };
  }

  private enumType(e: protobuf.Enum): IEnumDescriptorProto {
    this.define(e.fullName);
    // Enum values are scoped like C++ enumerators: siblings of the enum, not children.
    const scope = (e.parent as protobuf.Namespace).fullName;
    const names = Object.keys(e.values);
    for (const v of names) this.define(`${scope}.${v}`);
    const d: IEnumDescriptorProto & { reservedRange?: { start: number; end: number }[]; reservedName?: string[] } = {
      name: e.name,
      value: names.map((v) => ({ name: v, number: e.values[v] })),
    };
    if (e.options?.allow_alias === true) d.options = { allowAlias: true };
    for (const r of e.reserved ?? []) {
      if (typeof r === "string") (d.reservedName ??= []).push(r);
      else (d.reservedRange ??= []).push({ start: r[0] ?? 0, end: r[1] ?? 0 }); // both inclusive for enums
    }
    return d;
  }

  private service(s: protobuf.Service): IServiceDescriptorProto {
    this.define(s.fullName);
    return {
      name: s.name,
      method: s.methodsArray.map((m) => {
        this.define(`${s.fullName}.${m.name}`);
        m.resolve();
        return {
          name: m.name,
          inputType: this.ref(m.resolvedRequestType as protobuf.Type),
          outputType: this.ref(m.resolvedResponseType as protobuf.Type),
          ...(m.requestStream === true && { clientStreaming: true }),
          ...(m.responseStream === true && { serverStreaming: true }),
        };
      }),
    };
  }
}

function isSynthetic(o: protobuf.OneOf): boolean {
  return o.fieldsArray.length === 1 && o.fieldsArray[0]?.options?.proto3_optional === true;
}

// describeFiles against protoc on protos that use what the embedded ones do
// not (yet): imports, nested messages and enums, maps of messages and enums,
// proto3 optional, oneofs, reserved ranges, every streaming kind.

import { expect, test } from "bun:test";
import { fromBinary, toBinary, toJson } from "@bufbuild/protobuf";
import { type FileDescriptorProto, FileDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import protobuf from "protobufjs";
import { describeFiles, jsonName, mapEntryName } from "../../../src/server/descriptors.ts";
import { reflectionAnswerer } from "../../../src/server/reflection.ts";
import { compileWithProtoc, protoc, reemitWithProtoc } from "../../helpers/protoc.ts";

// Nested message types follow the fields (see the map entry order note in descriptors.ts).
const fixture: Record<string, string> = {
  "fx/a.proto": `syntax = "proto3";
package fx.a;
message Inner {
  enum Kind { KIND_UNSPECIFIED = 0; KIND_ONE = 1; }
  Kind kind = 1;
  message Deep { string s = 1; }
}
enum Color {
  option allow_alias = true;
  COLOR_UNSPECIFIED = 0;
  RED = 1;
  CRIMSON = 1;
  reserved 5 to 7;
  reserved "BLUE";
}
`,
  "fx/b.proto": `syntax = "proto3";
package fx.b;
import "fx/a.proto";
message Thing {
  fx.a.Inner inner = 1;
  map<string, fx.a.Inner> by_name = 2;
  map<int32, fx.a.Color> colors = 3;
  optional int64 maybe_ms = 4;
  oneof choice {
    string text = 5;
    fx.a.Inner.Deep deep = 6;
  }
  repeated int32 unpacked = 7 [packed = false];
  repeated fixed64 nums = 8;
  Nested nested = 9;
  reserved 10 to 12, 15;
  reserved "old_name";
  message Nested { Thing parent = 1; }
}
service Things {
  rpc Get(Thing) returns (Thing);
  rpc Upload(stream Thing) returns (Thing);
  rpc Chat(stream Thing) returns (stream Thing);
  rpc Watch(Thing) returns (stream fx.a.Inner);
}
`,
  "fx/c.proto": `syntax = "proto3";
package fx.c;
import "fx/b.proto";
message Wrap { fx.b.Thing thing = 1; }
`,
};

function describeFixture() {
  const root = new protobuf.Root();
  for (const text of Object.values(fixture)) protobuf.parse(text, root, { keepCase: true });
  root.resolveAll();
  return describeFiles(root);
}

const decode = (b: Uint8Array) => fromBinary(FileDescriptorProtoSchema, b);
const json = (f: FileDescriptorProto) => toJson(FileDescriptorProtoSchema, f);

test("names follow protoc: lowerCamel json names, <Field>Entry map entries", () => {
  expect(["max_attempts", "a__b", "x_", "id"].map(jsonName)).toEqual(["maxAttempts", "aB", "x", "id"]);
  expect(["metadata", "by_name", "_x"].map(mapEntryName)).toEqual(["MetadataEntry", "ByNameEntry", "XEntry"]);
});

test.skipIf(!protoc)("descriptors equal protoc's for the same files, imports included", () => {
  const ours = describeFixture();
  expect(ours.map((f) => [f.name, f.dependencies])).toEqual([
    ["fx/a.proto", []],
    ["fx/b.proto", ["fx/a.proto"]],
    ["fx/c.proto", ["fx/b.proto"]],
  ]);
  expect(ours.map((f) => json(decode(f.bytes)))).toEqual(compileWithProtoc(fixture).file.map(json));
});

test.skipIf(!protoc)("protoc rejects a map entry not named <Field>Entry, so the comparison above has teeth", () => {
  const files = describeFixture().map((f) => decode(f.bytes));
  const thing = files[1]?.messageType[0];
  const entry = thing?.nestedType.find((n) => n.name === "ByNameEntry");
  const field = thing?.field.find((f) => f.name === "by_name");
  if (entry === undefined || field === undefined) throw new Error("fixture changed");
  entry.name = "ByName";
  field.typeName = ".fx.b.Thing.ByName";
  const encoded = files.map((f) => toBinary(FileDescriptorProtoSchema, f));
  expect(() => reemitWithProtoc(encoded, "fx/b.proto")).toThrow(/map_entry should not be set explicitly/);
});

test("a symbol's answer holds its file, then every file it imports, directly or not", () => {
  const answer = reflectionAnswerer(describeFixture(), []);
  const files = (symbol: string) => {
    const r = answer({ message_request: "file_containing_symbol", file_containing_symbol: symbol }) as {
      file_descriptor_response: { file_descriptor_proto: Uint8Array[] };
    };
    return r.file_descriptor_response.file_descriptor_proto.map((b) => decode(b).name);
  };
  expect(files("fx.c.Wrap")).toEqual(["fx/c.proto", "fx/b.proto", "fx/a.proto"]);
  expect(files("fx.b.Thing.ByNameEntry.value")).toEqual(["fx/b.proto", "fx/a.proto"]);
  expect(files("fx.b.Thing._maybe_ms")).toEqual(["fx/b.proto", "fx/a.proto"]);
  expect(files("fx.a.Inner.Deep")).toEqual(["fx/a.proto"]);
  expect(files("fx.a.Inner.KIND_ONE")).toEqual(["fx/a.proto"]);
  expect(files("fx.a.CRIMSON")).toEqual(["fx/a.proto"]);
});

// protoc as the reference for file descriptors: what it compiles from .proto
// text is what stock gRPC tools expect, and its DescriptorPool rejects an
// invalid descriptor set (bad map entries, unresolved or relative type names,
// missing imports). Tests needing it skip when it is not installed; CI
// installs it (.ci/run).

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fromBinary } from "@bufbuild/protobuf";
import { BinaryWriter, WireType } from "@bufbuild/protobuf/wire";
import { type FileDescriptorSet, FileDescriptorSetSchema } from "@bufbuild/protobuf/wkt";

export const protoc = Bun.which("protoc");

function inTempDir<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "falconq-protoc-"));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(args: string[], cwd: string): void {
  const r = Bun.spawnSync([protoc ?? "protoc", ...args], { cwd, stdout: "pipe", stderr: "pipe" });
  if (r.exitCode !== 0) throw new Error(`protoc ${args.join(" ")}: ${r.stderr.toString().trim()}`);
}

/** protoc's descriptors for `files` (path → .proto text), in the order given. */
export function compileWithProtoc(files: Record<string, string>): FileDescriptorSet {
  return inTempDir((dir) => {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, "src", path)), { recursive: true });
      writeFileSync(join(dir, "src", path), text);
    }
    run(["-I", "src", "--descriptor_set_out=out.pb", ...Object.keys(files)], dir);
    return fromBinary(FileDescriptorSetSchema, readFileSync(join(dir, "out.pb")));
  });
}

/**
 * Has protoc load `descriptors` (encoded FileDescriptorProtos, used byte for
 * byte) instead of .proto files and emit `file` with its imports again;
 * throws with protoc's message if it rejects them.
 */
export function reemitWithProtoc(descriptors: Uint8Array[], file: string): FileDescriptorSet {
  const w = new BinaryWriter();
  for (const d of descriptors) w.tag(1, WireType.LengthDelimited).bytes(d); // FileDescriptorSet.file
  return inTempDir((dir) => {
    writeFileSync(join(dir, "in.pb"), w.finish());
    run(["--descriptor_set_in=in.pb", "--descriptor_set_out=out.pb", "--include_imports", file], dir);
    return fromBinary(FileDescriptorSetSchema, readFileSync(join(dir, "out.pb")));
  });
}

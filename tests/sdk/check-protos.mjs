// Compares the descriptors of our ZITADEL subset .proto files with the ones published in @zitadel/proto 1.3.1.
//
//   node check-protos.mjs <descriptor-set.pb>                  compare; exit 0 when there are no differences, 1 otherwise
//   node check-protos.mjs --dump-upstream <descriptor-set.pb>  print the published descriptor lines for what ours declares
//   node check-protos.mjs --dump-ours <descriptor-set.pb>      print our descriptor lines
//
// Make the descriptor set with the protoc that Grpc.Tools ships, e.g. from the repository root:
//   GT=~/.nuget/packages/grpc.tools/2.85.0
//   $GT/tools/linux_x64/protoc --include_imports --descriptor_set_out=/tmp/ours.pb \
//     -I src/MfaEmulator/Zitadel/Protos -I $GT/build/native/include \
//     $(cd src/MfaEmulator/Zitadel/Protos && ls zitadel/*.proto)
//
// Every message, enum and service in our files (google/* excluded) is looked up by its fully qualified name in
// the published descriptors and compared line by line: the file that declares it; every field's name, number,
// type, label, type_name, json_name, oneof and proto3 optional; every enum value's name and number; and, for each
// rpc we declare (a subset of the published service), its input and output types and streaming flags.
// Options (google.api.http, zitadel.v1.auth_option, validate, openapiv2) are not compared: our files omit them.
import fs from "node:fs";
import { fromBinary } from "@bufbuild/protobuf";
import { FileDescriptorSetSchema, FieldDescriptorProtoSchema } from "@bufbuild/protobuf/wkt";
import { isFieldSet } from "@bufbuild/protobuf";
import { file_zitadel_management } from "@zitadel/proto/zitadel/management_pb.js";
import { file_zitadel_admin } from "@zitadel/proto/zitadel/admin_pb.js";
import { file_zitadel_message } from "@zitadel/proto/zitadel/message_pb.js";

const args = process.argv.slice(2);
const mode = args[0]?.startsWith("--") ? args.shift() : "--compare";
const setPath = args[0];
if (!setPath || !["--compare", "--dump-upstream", "--dump-ours"].includes(mode)) {
  console.error("usage: node check-protos.mjs [--dump-upstream|--dump-ours] <descriptor-set.pb>");
  process.exit(2);
}

const TYPE = { 1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 6: "fixed64", 7: "fixed32", 8: "bool", 9: "string", 10: "group", 11: "message", 12: "bytes", 13: "uint32", 14: "enum", 15: "sfixed32", 16: "sfixed64", 17: "sint32", 18: "sint64" };
const LABEL = { 1: "optional", 2: "required", 3: "repeated" };
const hasOneof = (fd) => isFieldSet(fd, FieldDescriptorProtoSchema.field.oneofIndex);

// Index a list of FileDescriptorProtos: fully qualified name (no leading dot) -> { kind, proto, file }.
function index(fileProtos) {
  const byName = new Map();
  for (const f of fileProtos) {
    const walk = (msgs, enums, prefix) => {
      for (const e of enums) byName.set(`${prefix}.${e.name}`, { kind: "enum", proto: e, file: f.name });
      for (const m of msgs) {
        byName.set(`${prefix}.${m.name}`, { kind: "message", proto: m, file: f.name });
        walk(m.nestedType, m.enumType, `${prefix}.${m.name}`);
      }
    };
    walk(f.messageType, f.enumType, f.package);
    for (const s of f.service) byName.set(`${f.package}.${s.name}`, { kind: "service", proto: s, file: f.name });
  }
  return byName;
}

// protoc's json_name when a file sets none (descriptors embedded by protoc's C# plugin leave it unset).
const defaultJsonName = (name) => name.replace(/_([a-z0-9])?/g, (_, c) => (c ? c.toUpperCase() : ""));

// Lines describing one declaration; for services only the methods named in `methods`.
function lines(fqn, entry, methods) {
  if (!entry) return [`${fqn} is not published`];
  const out = [`${fqn} ${entry.kind} in ${entry.file}`];
  const p = entry.proto;
  if (entry.kind === "message") {
    for (const fd of p.field) {
      let l = `${fqn} field ${fd.name} = ${fd.number} ${TYPE[fd.type]} ${LABEL[fd.label]}`;
      if (fd.typeName) l += ` ${fd.typeName}`;
      l += ` json=${fd.jsonName || defaultJsonName(fd.name)}`;
      if (fd.proto3Optional) l += " proto3_optional";
      else if (hasOneof(fd)) l += ` oneof=${p.oneofDecl[fd.oneofIndex].name}`;
      out.push(l);
    }
  } else if (entry.kind === "enum") {
    for (const v of p.value) out.push(`${fqn} value ${v.name} = ${v.number}`);
  } else {
    for (const name of methods) {
      const m = p.method.find((x) => x.name === name);
      if (!m) { out.push(`${fqn} rpc ${name} is not published`); continue; }
      out.push(`${fqn} rpc ${m.name} (${m.clientStreaming ? "stream " : ""}${m.inputType}) returns (${m.serverStreaming ? "stream " : ""}${m.outputType})`);
    }
  }
  return out;
}

// Ours: the descriptor set protoc wrote.
const set = fromBinary(FileDescriptorSetSchema, fs.readFileSync(setPath));
const oursFiles = set.file.filter((f) => !f.name.startsWith("google/"));
const ours = index(oursFiles);

// Upstream: every file reachable from management.proto and admin.proto (the services we serve) and message.proto.
const upFiles = new Map();
const addFile = (g) => { if (upFiles.has(g.proto.name)) return; upFiles.set(g.proto.name, g.proto); g.dependencies.forEach(addFile); };
[file_zitadel_management, file_zitadel_admin, file_zitadel_message].forEach(addFile);
const upstream = index(upFiles.values());

const oursLines = [];
const upLines = [];
for (const [fqn, entry] of ours) {
  const methods = entry.kind === "service" ? entry.proto.method.map((m) => m.name) : [];
  oursLines.push(...lines(fqn, entry, methods));
  upLines.push(...lines(fqn, upstream.get(fqn), methods));
}
oursLines.sort();
upLines.sort();

if (mode === "--dump-ours") { console.log(oursLines.join("\n")); process.exit(0); }
if (mode === "--dump-upstream") { console.log(upLines.join("\n")); process.exit(0); }

const oursSet = new Set(oursLines);
const upSet = new Set(upLines);
const diffs = [
  ...upLines.filter((l) => !oursSet.has(l)).map((l) => (l.endsWith(" is not published") ? `not published:  ${l.slice(0, -17)}` : `published only: ${l}`)),
  ...oursLines.filter((l) => !upSet.has(l)).map((l) => `ours only:      ${l}`),
];
const count = (k) => [...ours.values()].filter((e) => e.kind === k).length;
const rpcs = [...ours.values()].filter((e) => e.kind === "service").reduce((n, e) => n + e.proto.method.length, 0);
for (const d of diffs) console.log(d);
console.log(`checked ${oursFiles.length} files: ${count("message")} messages, ${count("enum")} enums, ${count("service")} services with ${rpcs} rpcs, ${oursLines.length} lines against @zitadel/proto 1.3.1`);
console.log(`${diffs.length} differences`);
process.exit(diffs.length === 0 ? 0 : 1);

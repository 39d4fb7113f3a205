// `falconq tokens create|list|revoke` and `falconq whoami`: API tokens are
// data on the master (only their hash is kept, in the WAL); the secret is
// printed once, by create.

import { defineCommand } from "citty";
import { isRole, roles } from "../core/auth.ts";
import { clientArgs, withClient } from "./client-flags.ts";
import { parseDuration, parseList, usage } from "./common.ts";
import { ago, dim, printJson, table } from "./output.ts";

const create = defineCommand({
  meta: { name: "create", description: "Create a token; prints it once (the master keeps only its hash)" },
  args: {
    name: { type: "string", description: "unique name, for lists and logs (example: ci)", required: true },
    role: { type: "string", description: `one of ${roles.join(", ")}`, required: true },
    queues: { type: "string", description: "queues or patterns it covers, comma-separated ('mail.*,billing')", default: "*" },
    expires: { type: "string", description: "lifetime (30d, 12h); default never" },
    json: { type: "boolean", description: "print JSON" },
    ...clientArgs,
  },
  async run({ args }) {
    if (!isRole(args.role)) throw usage(`--role "${args.role}" must be one of ${roles.join(", ")}`);
    const queues = parseList(args.queues);
    if (queues.length === 0) throw usage(`--queues must name at least one queue or pattern ("*" for all)`);
    const expiresInMs = parseDuration("expires", args.expires);
    if (expiresInMs === 0) throw usage("--expires must be longer than 0 (leave it out for a token that never expires)");
    await withClient(args, async (c) => {
      const { info, token } = await c.createToken({ name: args.name, role: args.role as never, queues, expiresInMs });
      if (args.json) {
        printJson({ ...info, token });
        return;
      }
      console.error(`created token ${info.name} (id ${info.id}): role ${info.role} on ${info.queues.join(",")}${info.expiresAt ? `, expires ${new Date(info.expiresAt).toISOString()}` : ""}`);
      console.error("the token is shown only now; keep it in a secret store and pass it with --token-file or FALCONQ_TOKEN:");
      console.log(token);
    });
  },
});

const list = defineCommand({
  meta: { name: "list", description: "List tokens (never their secrets)" },
  args: { json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const ts = await c.listTokens();
      if (args.json) {
        for (const t of ts) printJson(t);
        return;
      }
      const now = Date.now();
      const rows = [["NAME", "ID", "ROLE", "QUEUES", "CREATED", "EXPIRES", "LAST USED"]];
      for (const t of ts) {
        const expires = t.expiresAt === 0 ? "never" : t.expiresAt <= now ? "expired" : new Date(t.expiresAt).toISOString();
        rows.push([t.name, t.id, t.role, t.queues.join(","), ago(t.createdAt), expires, t.lastUsedAt ? ago(t.lastUsedAt) : "never"]);
      }
      console.log(ts.length === 0 ? dim("no tokens") : table(rows, { keep: [0, 1] }));
    }),
});

const revoke = defineCommand({
  meta: { name: "revoke", description: "Revoke a token by id or name; calls with it fail at once" },
  args: { name: { type: "positional", description: "token id or name", required: true }, json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const t = await c.revokeToken(args.name);
      if (args.json) printJson(t);
      else console.log(`revoked token ${t.name} (id ${t.id})`);
    }),
});

export default defineCommand({
  meta: { name: "tokens", description: "Create, list and revoke API tokens (admin)" },
  subCommands: { create, list, revoke },
});

export const whoami = defineCommand({
  meta: { name: "whoami", description: "Show who the master takes you for, and what you may do" },
  args: { json: { type: "boolean", description: "print JSON" }, ...clientArgs },
  run: ({ args }) =>
    withClient(args, async (c) => {
      const w = await c.whoAmI();
      if (args.json) {
        printJson(w);
        return;
      }
      console.log(`${w.name} (via ${w.via})`);
      for (const g of w.grants) console.log(`  ${g.role} on ${g.queues.join(",")}`);
      if (!w.authRequired) console.log(dim("this master accepts calls without credentials (loopback, no --admin-token-file)"));
    }),
});

// Every command and subcommand has its own help with an example; help text
// wraps between words and carries no escape codes unless asked for colour.

import { describe, expect, test } from "bun:test";
import type { AnyCommand } from "../../../src/cli/argv.ts";
import { examples, renderHelp, rewriteHelp } from "../../../src/cli/help.ts";
import { cli } from "../../../src/main.ts";

async function commandPaths(cmd: AnyCommand, path: string[] = []): Promise<[string[], AnyCommand][]> {
  const out: [string[], AnyCommand][] = [[path, cmd]];
  const subs = typeof cmd.subCommands === "function" ? await cmd.subCommands() : (cmd.subCommands ?? {});
  for (const [name, load] of Object.entries(subs as Record<string, AnyCommand | (() => Promise<AnyCommand>)>)) {
    const sub = typeof load === "function" ? await load() : load;
    out.push(...(await commandPaths(sub, [...path, name])));
  }
  return out;
}

describe("help", () => {
  test("every command and subcommand has an example, and its help shows it", async () => {
    const all = await commandPaths(cli);
    expect(all.length).toBeGreaterThan(15);
    for (const [path, cmd] of all) {
      expect({ path, example: examples[path.join(" ")] }).toEqual({ path, example: expect.stringMatching(/^falconq /) });
      const text = await renderHelp(cmd, path, { colour: false, width: 80 });
      expect(text).toContain(`Example:\n  ${examples[path.join(" ")]}`);
      expect(text.startsWith(["falconq", ...path].join(" "))).toBe(true);
    }
  });

  test("help fits the width without cutting words and has no escapes without colour", async () => {
    for (const [path, cmd] of await commandPaths(cli)) {
      for (const width of [60, 80, 120]) {
        const text = await renderHelp(cmd, path, { colour: false, width });
        expect(text).not.toContain("\x1b");
        for (const line of text.split("\n")) {
          // A line may pass the width only when it is one word (a long flag name), or the example.
          if (line.length > width) expect(line.trim().includes(" ") && !line.trim().startsWith("--") && !line.startsWith("  falconq")).toBe(false);
        }
      }
    }
    const coloured = await renderHelp(cli, [], { colour: true, width: 80 });
    expect(coloured).toContain("\x1b[1mUsage:");
  });

  test("`falconq help X Y` is `falconq X Y --help`", () => {
    expect(rewriteHelp(["help", "jobs", "list"])).toEqual(["jobs", "list", "--help"]);
    expect(rewriteHelp(["help"])).toEqual(["--help"]);
    expect(rewriteHelp(["help", "help"])).toEqual(["--help"]);
    expect(rewriteHelp(["jobs", "help"])).toEqual(["jobs", "help"]);
  });
});

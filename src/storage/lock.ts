// The data-directory lock: a LOCK file created with O_EXCL holding the
// owner's pid. A second master on the same directory refuses to start while
// that pid is alive. A lock left by a dead process (kill -9, power loss) is
// taken over. Two masters starting in the same instant over a stale lock
// could both pass; starting two masters at once is an operator error this
// does not try to arbitrate.

import fs from "node:fs";
import path from "node:path";
import { StorageError } from "./errors.ts";
import { LOCK_FILE } from "./layout.ts";

export interface DirLock {
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function acquireLock(dir: string): DirLock {
  const file = path.join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, "wx", 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.fsyncSync(fd);
      fs.closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
    const text = readOr(file);
    const pid = Number.parseInt(text, 10);
    if (Number.isInteger(pid) && pid > 0 && alive(pid)) {
      throw new StorageError(
        "locked",
        `data directory ${dir} is in use by another master (pid ${pid}, lock file ${file}); stop that process or use another --data-dir`,
        { file },
      );
    }
    fs.rmSync(file, { force: true }); // stale: its owner is gone
  }
  throw new StorageError("locked", `could not take the lock ${file}: another process keeps creating it`, { file });
}

function readOr(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return "";
  }
}

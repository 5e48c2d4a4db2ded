// External programs some tests need (Debian's chromium, java, nginx). Under CI (CI=true) a missing
// program fails the run; elsewhere the tests that need it are skipped with the reason printed.
import { existsSync } from "node:fs";
import { spawnSync } from "node:child_process";

export const CHROMIUM = "/usr/bin/chromium";

function found(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore" });
  return r.status === 0;
}

const checks: Record<string, () => boolean> = {
  chromium: () => existsSync(CHROMIUM),
  java: () => found("java", ["-version"]),
  nginx: () => found("nginx", ["-v"]) || existsSync("/usr/sbin/nginx"),
};

/** false when the tool is there; otherwise the reason to skip (throws under CI). */
export function missing(tool: keyof typeof checks): string | false {
  if (checks[tool]!()) return false;
  const reason = `${tool} is not installed (apt-get install ${tool === "java" ? "default-jre-headless" : tool})`;
  if (process.env.CI) throw new Error(`CI=true and ${reason}`);
  console.log(`# skipped: ${reason}`);
  return reason;
}

export const NGINX = existsSync("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

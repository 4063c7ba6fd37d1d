// Where things are: the repository, the built page, the captured fixtures.

import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** The built page (`trunk build --release --offline`); E2E_DIST overrides. */
export function distDir() {
  const dir = resolve(process.env.E2E_DIST ?? join(ROOT, "dist"));
  if (!existsSync(join(dir, "index.html"))) {
    throw new Error(`no built page in ${dir}: run \`trunk build --release --offline\` first (or set E2E_DIST)`);
  }
  return dir;
}

/**
 * A captured transcript from tests/fixtures and what the engine reports for
 * it (its checked-in golden `<case>.expected.json`, kept true by
 * tests/golden.rs): `fixture("swaks/postfix-25-cleartext-auth-plain")`.
 */
export function fixture(name) {
  const base = join(ROOT, "tests/fixtures", name);
  return {
    name,
    text: readFileSync(`${base}.txt`, "utf8"),
    expected: JSON.parse(readFileSync(`${base}.expected.json`, "utf8")),
  };
}

/** Where the test writes its screenshots: tests/screenshots with UPDATE_SCREENSHOTS=1, else target/e2e-screenshots. */
export function screenshotDir() {
  return process.env.UPDATE_SCREENSHOTS === "1" ? join(ROOT, "tests/screenshots") : join(ROOT, "target/e2e-screenshots");
}

/**
 * The benchmarks' big paste: every captured fixture, in a fixed order,
 * repeated to about `bytes` (whole lines).
 */
export function bigPaste(bytes) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".txt")) files.push(p);
    }
  };
  walk(join(ROOT, "tests/fixtures"));
  const corpus = files.map((f) => readFileSync(f, "utf8").replace(/\n?$/, "\n")).join("\n");
  const out = corpus.repeat(Math.ceil(bytes / Buffer.byteLength(corpus)));
  return out.slice(0, out.lastIndexOf("\n", bytes) + 1);
}

// Makes what the page downloads smaller without changing what it does.
// Run by Trunk after every build (a post_build hook in Trunk.toml, with
// TRUNK_STAGING_DIR set), and by .ci/build-docs-script.sh for the parts.
//
//   node .ci/pack-page.mjs page              the staged index.html, its CSS, the page's wasm, boot.js, worker.js
//   node .ci/pack-page.mjs imports WASM JS   one wasm-bindgen output (the parts, the embed script)
//
// 1. The stylesheets index.html links (styles/*.css, one file each as
//    Trunk writes them) become one file, page-HASH.css: one request instead
//    of seven, and gzip sees them together (8.9 KB -> 6.4 KB gzipped).
// 2. The wasm's imports are renamed: wasm-bindgen names each one
//    `__wbg_NAME_HASH` (16 hex digits that gzip cannot shrink), in the wasm
//    and again in its JS glue. Here they become `a`, `b`, ... in both (and
//    the import module "./NAME_bg.js" becomes "a"): about 5 KB gzipped less
//    for the page. The exports keep their names (the JS calls them). Every
//    name must be found exactly once in the glue, or the build fails here
//    (a new wasm-bindgen writing its glue differently must be looked at,
//    not shipped half renamed).
//    The page's JS and wasm then get names from their new contents.
// 3. boot.js and worker.js lose their whole-line comments.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

function fail(message) {
  console.error(`pack-page: ${message}`);
  process.exit(1);
}

// --- wasm import names ------------------------------------------------------

function leb(buf, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = buf[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, pos];
}

function uleb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n = Math.floor(n / 128);
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return Buffer.from(out);
}

const name = (s) => {
  const b = Buffer.from(s, "utf8");
  return Buffer.concat([uleb(b.length), b]);
};

// a, b, ..., Z, ba, bb, ...: valid JS property names, never `__proto__`.
const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
function short(i) {
  let s = "";
  do {
    s = LETTERS[i % LETTERS.length] + s;
    i = Math.floor(i / LETTERS.length);
  } while (i);
  return s;
}

// The import section (id 2) rewritten with short names; the rest of the
// module byte for byte.
function renameImports(wasm) {
  if (wasm.readUInt32LE(0) !== 0x6d736100) fail("not a wasm module");
  const out = [wasm.subarray(0, 8)];
  const modules = new Map();
  const fields = new Map();
  let pos = 8;
  while (pos < wasm.length) {
    const start = pos;
    const id = wasm[pos++];
    let size;
    [size, pos] = leb(wasm, pos);
    const body = wasm.subarray(pos, pos + size);
    pos += size;
    if (id !== 2) {
      out.push(wasm.subarray(start, pos));
      continue;
    }
    let p = 0;
    let count;
    [count, p] = leb(body, p);
    const section = [uleb(count)];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = leb(body, p);
      const module = body.subarray(p, p + len).toString("utf8");
      p += len;
      [len, p] = leb(body, p);
      const field = body.subarray(p, p + len).toString("utf8");
      p += len;
      const desc = p;
      const kind = body[p++];
      if (kind === 0) [, p] = leb(body, p); // function: type index
      else if (kind === 1 || kind === 2) {
        if (kind === 1) p++; // table: element type
        const flags = body[p++];
        [, p] = leb(body, p);
        if (flags & 1) [, p] = leb(body, p);
      } else if (kind === 3) p += 2; // global: value type, mutability
      else fail(`import ${module}.${field} of kind ${kind}: not handled`);
      if (!modules.has(module)) modules.set(module, short(modules.size));
      if (!fields.has(field)) fields.set(field, short(fields.size));
      section.push(name(modules.get(module)), name(fields.get(field)), body.subarray(desc, p));
    }
    const bytes = Buffer.concat(section);
    out.push(Buffer.from([2]), uleb(bytes.length), bytes);
  }
  return { wasm: Buffer.concat(out), modules, fields };
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function replaceOnce(js, from, to, quoted) {
  const re = quoted
    ? new RegExp(escape(JSON.stringify(from)), "g")
    : new RegExp(`(?<![\\w$])${escape(from)}(?![\\w$])`, "g");
  const found = js.match(re)?.length ?? 0;
  if (found !== 1) fail(`${from} is in the JS glue ${found} times, not once`);
  return js.replace(re, quoted ? JSON.stringify(to) : to);
}

function packImports(wasmPath, jsPath) {
  const before = readFileSync(wasmPath);
  if (before.length < 8) fail(`${wasmPath} is not a wasm module`);
  const { wasm, modules, fields } = renameImports(before);
  // Already done (the names are the short ones): nothing to do.
  if ([...fields].every(([from, to]) => from === to)) return;
  let js = readFileSync(jsPath, "utf8");
  for (const [from, to] of modules) js = replaceOnce(js, from, to, true);
  for (const [from, to] of fields) js = replaceOnce(js, from, to, false);
  // Proof before writing: the module still compiles and asks for exactly
  // the names the glue now gives.
  const names = new Set(fields.values());
  const mods = new Set(modules.values());
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
  if (!imports.every((i) => mods.has(i.module) && names.has(i.name))) fail(`${wasmPath}: renaming went wrong`);
  writeFileSync(wasmPath, wasm);
  writeFileSync(jsPath, js);
}

// --- stylesheets --------------------------------------------------------------

const attr = (tag, key) => {
  const m = new RegExp(`\\s${key}=("([^"]*)"|'([^']*)'|([^\\s"'>]+))`, "i").exec(tag);
  return m ? (m[2] ?? m[3] ?? m[4]) : null;
};

function packStyles(stage, html) {
  const links = [...html.matchAll(/<link\b[^>]*>/gi)]
    .map((m) => ({ tag: m[0], rel: attr(m[0], "rel"), href: attr(m[0], "href") }))
    .filter((l) => l.rel?.toLowerCase() === "stylesheet" && l.href && /\.css$/.test(l.href));
  const files = links.map((l) => ({ ...l, file: join(stage, l.href.split("/").pop()) }));
  if (files.length < 2 || !files.every((f) => existsSync(f.file))) return html;
  const css = files.map((f) => readFileSync(f.file, "utf8").trim()).join("\n");
  const hash = createHash("sha256").update(css).digest("hex").slice(0, 16);
  const integrity = `sha384-${createHash("sha384").update(css).digest("base64")}`;
  const base = files[0].href.slice(0, files[0].href.lastIndexOf("/") + 1);
  const bundle = `page-${hash}.css`;
  writeFileSync(join(stage, bundle), css);
  for (const f of files) unlinkSync(f.file);
  const [first, ...rest] = files;
  let out = html.replace(first.tag, `<link rel="stylesheet" href="${base}${bundle}" integrity="${integrity}">`);
  for (const f of rest) out = out.replace(f.tag, "");
  return out;
}

// --- the page's own scripts -------------------------------------------------------

// boot.js and worker.js are copied as written (Trunk's copy-file): their
// whole-line comments go (half their gzipped size). Only whole lines, and
// only in a file where no string can span lines (no line continuation, no
// line with an odd number of backticks), so no code can change.
function stripComments(file) {
  if (!existsSync(file)) return;
  const lines = readFileSync(file, "utf8").split("\n");
  if (lines.some((l) => /\\$/.test(l) || (l.match(/`/g)?.length ?? 0) % 2)) return;
  writeFileSync(file, lines.filter((l) => !/^\s*(\/\/.*)?$/.test(l)).join("\n") + "\n");
}

// --- the page -------------------------------------------------------------------

function packPage() {
  const stage = process.env.TRUNK_STAGING_DIR;
  if (!stage) fail("run by trunk build (TRUNK_STAGING_DIR is not set)");
  const index = join(stage, "index.html");
  let html = readFileSync(index, "utf8");
  html = packStyles(stage, html);
  const script = html.match(/<script\b[^>]*data-smtp-lens-wasm[^>]*>/i)?.[0];
  const js = script && attr(script, "data-smtp-lens-js");
  const wasm = script && attr(script, "data-smtp-lens-wasm");
  if (!js || !wasm) fail("index.html has no script tag naming the page's JS and wasm (see pattern_script in Trunk.toml)");
  packImports(join(stage, wasm.split("/").pop()), join(stage, js.split("/").pop()));
  // Their contents changed: new names from the new contents, so a browser
  // never pairs a cached glue with a wasm renamed differently.
  for (const href of [js, wasm]) html = html.split(href).join(rehash(stage, href));
  for (const script of ["boot.js", "worker.js"]) stripComments(join(stage, script));
  writeFileSync(index, html);
}

// NAME-HASH.js / NAME-HASH_bg.wasm (Trunk's names) renamed after a hash of
// the file as it is now; the new href.
function rehash(stage, href) {
  const file = href.split("/").pop();
  const m = /^(.*-)[0-9a-f]+((?:_bg)?\.(?:js|wasm))$/.exec(file);
  if (!m) return href;
  const bytes = readFileSync(join(stage, file));
  const renamed = `${m[1]}${createHash("sha256").update(bytes).digest("hex").slice(0, 16)}${m[2]}`;
  writeFileSync(join(stage, renamed), bytes);
  if (renamed !== file) unlinkSync(join(stage, file));
  return href.slice(0, href.length - file.length) + renamed;
}

const [mode, ...args] = process.argv.slice(2);
if (mode === "page") packPage();
else if (mode === "imports" && args.length === 2) packImports(args[0], args[1]);
else fail("usage: node .ci/pack-page.mjs page | imports WASM JS");

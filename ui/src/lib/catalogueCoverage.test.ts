// Every word the agent reads comes from the catalogues: this test reads the
// UI's source (components and lib) and fails on prose written in place, on a
// message id a component uses that English lacks, and on an English message
// nothing uses. Ids are written out whole (`"call-phase-ringing"`), never
// built from parts, so that a plain search finds every use.
import { describe, expect, it } from "vitest";
import { parse } from "svelte/compiler";
import { FluentResource } from "@fluent/bundle";
import { sources } from "./i18n.svelte";

/** The UI's source, by path from here (`../components/ActiveCall.svelte`); tests and generated bindings aside. */
const sourceText = Object.fromEntries(
  Object.entries(
    import.meta.glob(["../**/*.svelte", "../**/*.ts"], { query: "?raw", import: "default", eager: true }) as Record<string, string>,
  ).filter(([p]) => !/\.test\.ts$|\.testdata\.ts$|bindings\.ts$|\.d\.ts$/.test(p)),
);
/** The shell's source (tray, title, notification): it speaks the `shell-` messages. */
const shellText = import.meta.glob("../../../src-tauri/src/*.rs", { query: "?raw", import: "default", eager: true }) as Record<string, string>;

/** Attributes whose text is shown or read aloud. */
const SHOWN_ATTRIBUTES = new Set(["title", "placeholder", "aria-label", "alt", "label", "aria-description"]);
/** Attributes that never hold prose (classes, ids, wiring). */
const WIRING_ATTRIBUTES = /^(class|id|for|type|name|role|href|src|data-.*|autocomplete|inputmode|lang|dir|style|method|value|key|pattern|tabindex|accept|spellcheck|enterkeyhint)$/;

/**
 * Looks like words for a person: two words or more, or a sentence's end.
 * Single capitalised words are enum values and keys far more often than
 * prose, so a lone label word is caught by the template check instead.
 */
function prose(s: string): boolean {
  const text = s.trim();
  if (!/\p{L}/u.test(text)) return false;
  if (/^[a-z0-9_.:/#-]+$/i.test(text) && !text.endsWith(".")) return false; // an identifier, path or key
  if (/^(https?:|\/|\.\/|\.\.\/)/.test(text)) return false;
  if (/^[\w-]+(\s+[\w-]+)*$/.test(text) && /^[a-z][\w-]*(\s+[a-z][\w-]*)*$/.test(text) && text.includes("-")) return false; // class lists
  return /\p{L}\s+\p{L}/u.test(text) || /[….!?]$/.test(text);
}

type Node = { type: string; [k: string]: unknown };

interface Found {
  where: string;
  text: string;
}

/** Walks Svelte's AST (template and scripts alike), calling `visit` with each node and its ancestors. */
function walk(node: unknown, visit: (n: Node, up: Node[]) => boolean | void, up: Node[] = []): void {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const n of node) walk(n, visit, up);
    return;
  }
  const n = node as Node;
  if (typeof n.type === "string" && visit(n, up) === false) return;
  const next = typeof n.type === "string" ? [...up, n] : up;
  for (const [k, v] of Object.entries(n)) {
    if (k === "parent" || k === "loc" || k === "metadata" || k === "leadingComments" || k === "trailingComments") continue;
    if (v && typeof v === "object") walk(v, visit, next);
  }
}

function calleeName(n: Node): string {
  const callee = n.callee as Node | undefined;
  if (!callee) return "";
  if (callee.type === "Identifier") return callee.name as string;
  if (callee.type === "MemberExpression") {
    const obj = callee.object as Node;
    return obj.type === "Identifier" ? `${obj.name as string}.` : "";
  }
  return "";
}

/** Why a string literal here is not shown to a person (or "" when it may be). */
function wiring(up: Node[], self: Node): boolean {
  let child: Node = self;
  for (let i = up.length - 1; i >= 0; i--) {
    const p = up[i];
    if (p.type === "CallExpression" || p.type === "NewExpression") {
      const name = calleeName(p);
      if (name === "t" || name === "console." || name === "Error" || name === "querySelector" || name.startsWith("document.")) return true;
    }
    if (p.type === "BinaryExpression" && ["===", "!==", "==", "!="].includes(p.operator as string)) return true;
    if (p.type === "SwitchCase" && p.test === child) return true;
    if (p.type === "Property" && p.key === child) return true;
    if (p.type === "ImportDeclaration" || p.type === "ExportNamedDeclaration" && p.source === child) return true;
    if (p.type.startsWith("TS")) return true; // a type, not a value
    if (p.type === "Attribute" || p.type === "BindDirective" || p.type === "ClassDirective" || p.type === "StyleDirective") {
      return p.type !== "Attribute" || WIRING_ATTRIBUTES.test(p.name as string);
    }
    child = p;
  }
  return false;
}

function problems(path: string): Found[] {
  const raw = sourceText[path];
  const source = path.endsWith(".ts") ? `<script module lang="ts">${raw}</script>` : raw;
  const ast = parse(source, { modern: true }) as unknown as Node;
  const found: Found[] = [];
  const line = (start: unknown) => source.slice(0, Number(start)).split("\n").length;
  const where = (n: Node) => `${path.replace(/^\.\.\//, "")}:${line(n.start)}`;
  walk(ast, (n, up) => {
    if (n.type === "StyleSheet") return false;
    // Text in the template: any letter is a word the agent reads.
    if (n.type === "Text" && !up.some((p) => p.type === "Attribute" && !SHOWN_ATTRIBUTES.has(p.name as string))) {
      const text = String(n.data ?? "").trim();
      const inAttribute = up.some((p) => p.type === "Attribute");
      if (/\p{L}/u.test(text) && (inAttribute || !up.some((p) => p.type === "Script"))) found.push({ where: where(n), text });
    }
    if (n.type === "Literal" && typeof n.value === "string" && prose(n.value) && !wiring(up, n)) {
      found.push({ where: where(n), text: n.value });
    }
    if (n.type === "TemplateLiteral" && !wiring(up, n)) {
      const quasis = (n.quasis as Node[]).map((q) => String((q.value as { cooked?: string }).cooked ?? ""));
      const joined = quasis.join(" x ");
      if (quasis.some((q) => /\p{L}{2,}/u.test(q)) && prose(joined) && !/^[\s\w-]*$/.test(quasis.join(""))) {
        found.push({ where: where(n), text: joined });
      }
    }
  });
  return found;
}

const sourceFiles = Object.keys(sourceText);

/** Every id used in the source: the first argument of `t(…)`, and any whole-id string. */
function usedIds(): Set<string> {
  const used = new Set<string>();
  for (const text of [...Object.values(sourceText), ...Object.values(shellText)]) {
    for (const m of text.matchAll(/["'`]([a-z][a-z0-9]*(?:-[a-z0-9]+)+(?:\.[a-z-]+)?)["'`]/g)) used.add(m[1]);
  }
  return used;
}

function englishIds(): string[] {
  const out: string[] = [];
  for (const [path, text] of Object.entries(sources)) {
    if (!path.includes("/locales/en/")) continue;
    for (const m of new FluentResource(text).body) {
      out.push(m.id);
      for (const a of Object.keys(m.attributes)) out.push(`${m.id}.${a}`);
    }
  }
  return out;
}

describe("catalogue coverage", () => {
  it("the source was found", () => {
    expect(sourceFiles.some((f) => f.endsWith("App.svelte"))).toBe(true);
    expect(sourceFiles.length).toBeGreaterThan(20);
    expect(Object.keys(shellText).some((f) => f.endsWith("tray.rs"))).toBe(true);
  });

  it("no prose is written in place (everything shown goes through t)", () => {
    const all = sourceFiles.flatMap(problems).map((p) => `${p.where}  ${JSON.stringify(p.text)}`);
    expect(all).toEqual([]);
  });

  it("every message id the UI asks for is in the English catalogue", () => {
    const known = new Set(englishIds());
    const missing: string[] = [];
    for (const [f, text] of Object.entries(sourceText)) {
      for (const m of text.matchAll(/\bt\(\s*["'`]([^"'`$]+)["'`]/g)) {
        if (!known.has(m[1])) missing.push(`${f}: ${m[1]}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("every English message is used somewhere", () => {
    const used = usedIds();
    // An attribute is used when its message is asked for with it.
    const unused = englishIds().filter((id) => !used.has(id) && !(id.includes(".") && used.has(id)));
    expect(unused.filter((id) => id !== "language-name" || !used.has(id))).toEqual([]);
  });
});

describe("the prose detector", () => {
  it.each([
    ["Do not log the call", true],
    ["logged in", true],
    ["Saved.", true],
    ["Waiting…", true],
    ["LoggedIn", false],
    ["call-phase-ringing", false],
    ["btn primary", true],
    ["https://example.com/a b", false],
    ["", false],
    ["+49 30", false],
  ])("%j is prose: %s", (text, expected) => {
    expect(prose(text)).toBe(expected);
  });
});

import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, posix, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";

// Comments and help pages that stay true: a path or help anchor they name exists, and what they cite
// can be opened from the repository. Rot (a renamed test file, a moved heading, a finding number of a
// document outside the repository) fails here instead of misleading the next reader.

const ROOT = resolve(__dirname, "..");

/** The files git tracks, so generated folders (cdktf.out, node_modules) and ignored keys stay out. */
const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" }).split("\0").filter(Boolean);
const SOURCES = tracked.filter((file) => /\.(ts|cjs|mjs|js)$/.test(file) && !file.startsWith(".github/ci/") && !file.includes("/.gen/"));
const PAGES = tracked.filter((file) => file.endsWith(".md"));
const TEST_FILES = new Set(tracked.filter((file) => file.startsWith("__tests__/")).map((file) => posix.basename(file)));

/** Tokens after which a `/` divides; after any other it starts a regular expression. */
const ENDS_OPERAND = new Set([
  ts.SyntaxKind.Identifier,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.CloseParenToken,
  ts.SyntaxKind.CloseBracketToken,
  ts.SyntaxKind.CloseBraceToken,
  ts.SyntaxKind.ThisKeyword,
  ts.SyntaxKind.PlusPlusToken,
  ts.SyntaxKind.MinusMinusToken,
]);

/** Every comment of a source file, with its line. */
function commentsOf(file: string): { line: number; text: string }[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const comments: { line: number; text: string }[] = [];
  const newlines = [...text.matchAll(/\n/g)].map((match) => match.index);
  const lineOf = (position: number) => {
    let [low, high] = [0, newlines.length];
    while (low < high) {
      const middle = (low + high) >> 1;
      if (newlines[middle]! < position) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  };
  // The scanner alone cannot tell a regular expression from a division, or a template's `}` from a
  // block's: decide as the parser would, from the previous token and the open template expressions.
  const openBraces: number[] = [];
  let previous = ts.SyntaxKind.Unknown;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token === ts.SyntaxKind.SingleLineCommentTrivia || token === ts.SyntaxKind.MultiLineCommentTrivia) {
      comments.push({ line: lineOf(scanner.getTokenStart()), text: scanner.getTokenText() });
      continue;
    }
    if (token === ts.SyntaxKind.NewLineTrivia || token === ts.SyntaxKind.WhitespaceTrivia) continue;
    if ((token === ts.SyntaxKind.SlashToken || token === ts.SyntaxKind.SlashEqualsToken) && !ENDS_OPERAND.has(previous))
      token = scanner.reScanSlashToken();
    if (token === ts.SyntaxKind.TemplateHead) openBraces.push(0);
    else if (token === ts.SyntaxKind.OpenBraceToken && openBraces.length > 0) openBraces[openBraces.length - 1]! += 1;
    else if (token === ts.SyntaxKind.CloseBraceToken && openBraces.length > 0) {
      if (openBraces[openBraces.length - 1] === 0) {
        token = scanner.reScanTemplateToken(false);
        if (token === ts.SyntaxKind.TemplateTail) openBraces.pop();
      } else openBraces[openBraces.length - 1]! -= 1;
    }
    previous = token;
  }
  return comments;
}

/** Repository paths as comments and pages write them: from a top-level folder of this repository. */
const PATH = /(?<![\w./@-])((?:__tests__|lib|help|stacks|local-providers|scripts|\.github)\/[\w.*/-]*[\w*/])(#[\w-]+)?/g;

function exists(path: string): boolean {
  if (!path.includes("*")) return existsSync(join(ROOT, path)) || existsSync(join(ROOT, `${path}.ts`));
  const pattern = new RegExp(`^${path.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*")}`);
  return tracked.some((file) => pattern.test(file));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces as hyphens. */
const anchors = new Map<string, Set<string>>();
function anchorsOf(page: string): Set<string> {
  if (!anchors.has(page)) anchors.set(page, headingAnchors(page));
  return anchors.get(page)!;
}

function headingAnchors(page: string): Set<string> {
  const headings = readFileSync(join(ROOT, page), "utf8")
    .replace(/^```[\s\S]*?^```/gm, "")
    .split("\n")
    .filter((line) => /^#{1,6} /.test(line));
  return new Set(
    headings.map((line) =>
      line
        .replace(/^#+ /, "")
        .trim()
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, "")
        .replace(/ /g, "-"),
    ),
  );
}

function problemsOf(where: string, text: string, from: string): string[] {
  const problems: string[] = [];
  for (const [, path, anchor] of text.matchAll(PATH)) {
    // A placeholder, or a package's own file (cdktf's lib/terraform-resource.js): not this repository's.
    if (/[<{]/.test(path!) || path!.endsWith(".js")) continue;
    if (!exists(path!)) problems.push(`${where}: ${path} does not exist`);
    else if (anchor && path!.endsWith(".md") && !anchorsOf(path!).has(anchor.slice(1)))
      problems.push(`${where}: ${path} has no heading ${anchor}`);
  }
  // A test file named without its folder: somewhere under __tests__/.
  for (const [, name] of text.matchAll(/(?<![\w/.-])([\w-]+\.test\.ts)\b/g))
    if (!TEST_FILES.has(name!)) problems.push(`${where}: no test file ${name} under __tests__/`);
  // Links between help pages: [text](other.md#anchor), relative to the page.
  if (from.endsWith(".md"))
    for (const [, target, anchor] of text.matchAll(/\]\(([\w./-]+\.md)?(#[\w-]+)?\)/g)) {
      if (!target && !anchor) continue;
      const page = target ? posix.join(dirname(from), target) : from;
      if (!existsSync(join(ROOT, page))) problems.push(`${where}: link to ${page}, which does not exist`);
      else if (anchor && !anchorsOf(page).has(anchor.slice(1))) problems.push(`${where}: ${page} has no heading ${anchor}`);
    }
  if (/\baudit F\d+|audits\/[\w.-]+\.md F\d+/.test(text)) problems.push(`${where}: cites a finding of an audit outside the repository`);
  return problems;
}

describe("comments and help pages", () => {
  test("every repository path, help anchor and cited source in a source file's comments exists in the repository", () => {
    const problems = SOURCES.flatMap((file) =>
      commentsOf(file).flatMap(({ line, text }) =>
        text.split("\n").flatMap((part, index) => problemsOf(`${file}:${line + index}`, part, file)),
      ),
    );
    expect(problems).toEqual([]);
  });

  test("every repository path, help anchor and link of a help page or README exists in the repository", () => {
    const problems = PAGES.flatMap((page) =>
      readFileSync(join(ROOT, page), "utf8")
        .split("\n")
        .flatMap((text, index) => problemsOf(`${page}:${index + 1}`, text, page)),
    );
    expect(problems).toEqual([]);
  });

  test("the checks find rot: a missing file, a missing heading and an audit tag are each reported", () => {
    expect(problemsOf("x", "// see __tests__/no-such.test.ts", "lib/x.ts")).toEqual(["x: __tests__/no-such.test.ts does not exist"]);
    expect(problemsOf("x", "// help/kubernetes.md#no-such-heading", "lib/x.ts")).toEqual([
      "x: help/kubernetes.md has no heading #no-such-heading",
    ]);
    expect(problemsOf("x", "[a](kubernetes.md#the-dependencies-release)", "help/verify.md")).toEqual([]);
    expect(problemsOf("x", "[a](kubernetes.md#no-such-heading) and [b](no-such-page.md)", "help/verify.md")).toEqual([
      "x: help/kubernetes.md has no heading #no-such-heading",
      "x: link to help/no-such-page.md, which does not exist",
    ]);
    expect(problemsOf("x", "// the logins run in login.test.ts, not in okta-login.test.ts", "lib/x.ts")).toEqual([
      "x: no test file okta-login.test.ts under __tests__/",
    ]);
    expect(problemsOf("x", "// fails at create (audit F1)", "lib/x.ts")).toEqual(["x: cites a finding of an audit outside the repository"]);
  });
});

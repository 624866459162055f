import { describe, expect, it } from "vitest";
import { CommandError, expandTemplate, findAllowingPattern, matchesPattern, splitArgv, templatePartProblem } from "../../agent/exec/argv";

describe("splitArgv", () => {
  it("splits on whitespace and honours quotes and escapes without interpreting anything", () => {
    expect(splitArgv("npm  run build")).toEqual(["npm", "run", "build"]);
    expect(splitArgv(`echo 'a b' "c \\"d\\"" e\\ f`)).toEqual(["echo", "a b", 'c "d"', "e f"]);
    expect(splitArgv(`echo $HOME ~ *.ts`)).toEqual(["echo", "$HOME", "~", "*.ts"]);
    expect(splitArgv(`echo ''`)).toEqual(["echo", ""]);
    expect(splitArgv("echo 'a | b; c'")).toEqual(["echo", "a | b; c"]);
  });
  it.each(["npm test && rm -rf /", "cat x | sh", "ls; id", "echo `id`", "echo $(id)", "echo hi > /etc/passwd"])(
    "refuses the shell operator in %j",
    (command) => {
      expect(() => splitArgv(command)).toThrow(CommandError);
    },
  );
  it("refuses unterminated quotes", () => {
    expect(() => splitArgv("echo 'oops")).toThrow(/unterminated single quote/);
  });
});

describe("allowlist patterns", () => {
  it("matches words exactly, * as one argument, trailing ** as any rest", () => {
    expect(matchesPattern(["npm", "test"], "npm test")).toBe(true);
    expect(matchesPattern(["npm", "test", "--", "-u"], "npm test")).toBe(false);
    expect(matchesPattern(["npm", "run", "lint"], "npm run *")).toBe(true);
    expect(matchesPattern(["npm", "run"], "npm run *")).toBe(false);
    expect(matchesPattern(["echo"], "echo **")).toBe(true);
    expect(matchesPattern(["echo", "a", "b"], "echo **")).toBe(true);
    expect(matchesPattern(["rm", "-rf"], "echo **")).toBe(false);
  });
  it("never lets * or ** match an option: the pattern must spell it", () => {
    expect(matchesPattern(["make", "--eval=$(shell id)"], "make **")).toBe(false);
    expect(matchesPattern(["make", "build", "-f", "/tmp/evil.mk"], "make **")).toBe(false);
    expect(matchesPattern(["git", "log", "-1", "--output=/tmp/x"], "git log -1 *")).toBe(false);
    expect(matchesPattern(["npm", "run", "--", "x"], "npm run *")).toBe(false);
    expect(matchesPattern(["echo", "-"], "echo *")).toBe(false);
    expect(matchesPattern(["git", "log", "-1", "HEAD"], "git log -1 *")).toBe(true);
    expect(matchesPattern(["make", "-j4", "build", "test"], "make -j4 **")).toBe(true);
    expect(matchesPattern(["echo", "a-b", "c--d"], "echo **")).toBe(true);
  });
  it("finds the first allowing pattern or null", () => {
    expect(findAllowingPattern(["make", "test"], ["npm test", "make *"])).toBe("make *");
    expect(findAllowingPattern(["curl", "evil"], ["npm test", "make *"])).toBeNull();
  });
});

describe("argv templates", () => {
  it("substitutes payload values inside single arguments, never splitting them", () => {
    expect(expandTemplate(["claude", "-p", "{prompt}", "--model={model}"], { prompt: "fix the bug; rm -rf /", model: "x" })).toEqual([
      "claude",
      "-p",
      "fix the bug; rm -rf /",
      "--model=x",
    ]);
  });
  it("refuses a value that would start an argument with a dash, unless the placeholder says {name:allow-dash}", () => {
    expect(() => expandTemplate(["git", "log", "-1", "{ref}"], { ref: "--output=/tmp/pwned" })).toThrow(
      'payload.ref may not start with "-": the program would read it as an option (a template allows it with {ref:allow-dash})',
    );
    expect(() => expandTemplate(["sort", "{n}"], { n: -1 })).toThrow(CommandError);
    expect(() => expandTemplate(["x", "{a}{b}"], { a: "", b: "-v" })).toThrow(/payload.b may not start with "-"/);
    expect(expandTemplate(["x", "--ref={ref}", "v{n}"], { ref: "-weird", n: -2 })).toEqual(["x", "--ref=-weird", "v-2"]);
    expect(expandTemplate(["x", "{a}{b}"], { a: "ok", b: "-v" })).toEqual(["x", "ok-v"]);
    expect(expandTemplate(["sort", "{n:allow-dash}"], { n: -1 })).toEqual(["sort", "-1"]);
  });
  it("reports an unknown placeholder modifier, which the config check refuses at start", () => {
    expect(templatePartProblem("{ref:allow-dash}")).toBeNull();
    expect(templatePartProblem("--x={ref}")).toBeNull();
    expect(templatePartProblem("{ref:dash}")).toBe("unknown placeholder modifier in {ref:dash} (the only one is {ref:allow-dash})");
  });
  it("refuses a missing or non-scalar value", () => {
    expect(() => expandTemplate(["x", "{prompt}"], {})).toThrow(/payload.prompt is required/);
    expect(() => expandTemplate(["x", "{prompt}"], { prompt: { a: 1 } })).toThrow(CommandError);
  });
});

import { describe, expect, it } from "vitest";
import { CommandError, expandTemplate, findAllowingPattern, matchesPattern, splitArgv } from "../../agent/exec/argv";

describe("splitArgv", () => {
  it("splits on whitespace and honours quotes and escapes without interpreting anything", () => {
    expect(splitArgv("npm  run build")).toEqual(["npm", "run", "build"]);
    expect(splitArgv(`echo 'a b' "c \\"d\\"" e\\ f`)).toEqual(["echo", "a b", 'c "d"', "e f"]);
    expect(splitArgv(`echo $HOME ~ *.ts`)).toEqual(["echo", "$HOME", "~", "*.ts"]);
    expect(splitArgv(`echo ''`)).toEqual(["echo", ""]);
    expect(splitArgv("echo 'a | b; c'")).toEqual(["echo", "a | b; c"]);
  });
  it.each(["npm test && rm -rf /", "cat x | sh", "ls; id", "echo `id`", "echo $(id)", "echo hi > /etc/passwd"])("refuses the shell operator in %j", (command) => {
    expect(() => splitArgv(command)).toThrow(CommandError);
  });
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
  it("refuses a missing or non-scalar value", () => {
    expect(() => expandTemplate(["x", "{prompt}"], {})).toThrow(/payload.prompt is required/);
    expect(() => expandTemplate(["x", "{prompt}"], { prompt: { a: 1 } })).toThrow(CommandError);
  });
});

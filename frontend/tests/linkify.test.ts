import { describe, expect, it } from "vitest";
import { linkify } from "@/lib/linkify";

describe("linkify", () => {
  it("splits http and https URLs out of text", () => {
    expect(linkify("see https://example.org/a?b=1 and http://x.test.")).toEqual([
      { kind: "text", text: "see " },
      { kind: "link", text: "https://example.org/a?b=1", href: "https://example.org/a?b=1" },
      { kind: "text", text: " and " },
      { kind: "link", text: "http://x.test", href: "http://x.test/" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps balanced parentheses and drops a closing one that belongs to the sentence", () => {
    expect(linkify("(https://en.wikipedia.org/wiki/Foo_(bar))")[1]).toMatchObject({ text: "https://en.wikipedia.org/wiki/Foo_(bar)" });
  });

  it("never links other schemes and leaves markup as text", () => {
    expect(linkify("javascript:alert(1) <b>hi</b>")).toEqual([{ kind: "text", text: "javascript:alert(1) <b>hi</b>" }]);
    expect(linkify('https://a.test/"onmouseover="x')[0]).toMatchObject({ kind: "link", href: "https://a.test/" });
  });
});

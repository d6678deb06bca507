// @vitest-environment jsdom
import { cleanup, fireEvent, render } from "@testing-library/react";
import { createElement as h } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { useRovingFocus } from "@/hooks/use-roving-focus";

function List({ ids }: { ids: string[] }) {
  const { activeId, onFocus, onKeyDown } = useRovingFocus(ids);
  return h(
    "ol",
    { onFocus, onKeyDown },
    ids.map((id) =>
      h("li", { key: id, "data-roving-id": id, tabIndex: activeId === id ? 0 : -1, "data-testid": id }, h("button", { tabIndex: activeId === id ? 0 : -1 }, `act ${id}`)),
    ),
  );
}

const tabStops = (container: HTMLElement) => Array.from(container.querySelectorAll<HTMLElement>("[tabindex]")).filter((el) => el.tabIndex >= 0);

describe("useRovingFocus", () => {
  afterEach(cleanup);

  it("makes a list one tab stop (the newest item and its controls) until another item is focused", () => {
    const { container, getByTestId } = render(h(List, { ids: ["a", "b", "c"] }));
    expect(tabStops(container).map((el) => el.textContent)).toEqual(["act c", "act c"]);
    fireEvent.focus(getByTestId("a"));
    expect(getByTestId("a").tabIndex).toBe(0);
    expect(getByTestId("c").tabIndex).toBe(-1);
  });

  it("moves focus with the arrow keys, Home and End, staying within the list", () => {
    const { getByTestId } = render(h(List, { ids: ["a", "b", "c"] }));
    getByTestId("c").focus();
    fireEvent.keyDown(getByTestId("c"), { key: "ArrowUp" });
    expect(document.activeElement).toBe(getByTestId("b"));
    fireEvent.keyDown(getByTestId("b"), { key: "Home" });
    expect(document.activeElement).toBe(getByTestId("a"));
    fireEvent.keyDown(getByTestId("a"), { key: "ArrowUp" });
    expect(document.activeElement).toBe(getByTestId("a"));
    fireEvent.keyDown(getByTestId("a"), { key: "End" });
    expect(document.activeElement).toBe(getByTestId("c"));
    expect(getByTestId("c").tabIndex).toBe(0);
  });
});

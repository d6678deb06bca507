import { describe, expect, it } from "vitest";
import { websocketUrl } from "@/lib/realtime/config";

describe("websocketUrl", () => {
  it("derives ws(s)://…/ws from the API's base URL", () => {
    expect(websocketUrl("http://localhost:8080")).toBe("ws://localhost:8080/ws");
    expect(websocketUrl("https://chat.example.org/")).toBe("wss://chat.example.org/ws");
    expect(websocketUrl("https://example.org/chat-api")).toBe("wss://example.org/chat-api/ws");
  });

  it("prefers an explicit URL", () => {
    expect(websocketUrl("http://localhost:8080", "wss://push.example.org/ws")).toBe("wss://push.example.org/ws");
    expect(websocketUrl("http://localhost:8080", "  ")).toBe("ws://localhost:8080/ws");
  });

  it("resolves a relative API URL against the page's origin", () => {
    expect(websocketUrl("/", null, "https://chat.example.org")).toBe("wss://chat.example.org/ws");
    expect(websocketUrl("", null, "http://localhost:3000")).toBe("ws://localhost:3000/ws");
  });
});

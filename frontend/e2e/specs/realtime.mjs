/** Live updates over the WebSocket: push, typing notices, the polling fallback. */
import { assert, screenshot } from "../harness.mjs";
import { waitUntil } from "../pages/wait.mjs";

export async function realtimeSpecs({ runner, b, A, B, alice, bob, run }) {
  await runner.test("the open conversation is pushed over the WebSocket in both browsers", async () => {
    await A.chat.waitForTransport("push");
    await B.chat.waitForTransport("push");
    const text = `Pushed, not polled ${run}`;
    await A.chat.sendAndConfirm(text);
    await B.chat.waitForMessage(text, 5000);
  });

  await runner.test("Bob sees that Alice is typing, until she clears her draft", async () => {
    await A.chat.typeDraft("Let me think");
    await waitUntil(async () => (await B.chat.typingText()).includes(`${alice.username} is typing`), "the typing notice on Bob's screen");
    assert(!(await A.chat.typingText()).includes(alice.username), "Alice is not told about her own typing");
    await screenshot(b.page, "typing");
    await A.chat.clearDraft();
    await waitUntil(async () => (await B.chat.typingText()) === "", "the notice gone once Alice cleared her draft", 3000);
  });

  await runner.test("a typing notice that is not renewed disappears after about five seconds", async () => {
    await B.chat.typeDraft("Hmm");
    await waitUntil(async () => (await A.chat.typingText()).includes(`${bob.username} is typing`), "the typing notice on Alice's screen");
    const shown = Date.now();
    await waitUntil(async () => (await A.chat.typingText()) === "", "the notice to expire", 10_000);
    const after = Date.now() - shown;
    assert(after >= 3000, `the notice held until it expired (gone after ${after} ms)`);
    await B.chat.clearDraft();
  });

  await runner.test("with the WebSocket blocked the conversation falls back to polling, then back to the push", async () => {
    let blocked = true;
    await b.page.routeWebSocket(/\/ws$/, (ws) => {
      if (blocked) ws.close({ code: 1011, reason: "blocked by the test" });
      else ws.connectToServer();
    });
    await b.page.reload();
    await B.chat.waitForTransport("poll");
    const polled = `Arrives by polling ${run}`;
    await A.chat.sendAndConfirm(polled);
    await B.chat.waitForMessage(polled);
    blocked = false;
    await b.page.evaluate(() => window.dispatchEvent(new Event("online")));
    await B.chat.waitForTransport("push");
    const pushed = `Back on the push ${run}`;
    await A.chat.sendAndConfirm(pushed);
    await B.chat.waitForMessage(pushed, 5000);
    assert((await B.chat.countMessages(polled)) === 1, "nothing doubled across the switch");
  });
}

/** Issue 16, items 1 and 2: what someone writes is stored in the order typed, and never lost. */
import { assert } from "../harness.mjs";
import { newGroup, newPerson, messagesOf, roomUrl, signIn } from "../people.mjs";
import { ChatPage } from "../pages/chat-page.mjs";
import { RoomsPage } from "../pages/rooms-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

const pendingOrFailed = (page, text) =>
  page.locator('[data-testid="message"][data-status="failed"]').filter({ has: page.getByTestId("message-content").getByText(text, { exact: true }) });

export async function sendingSpecs({ runner, run }) {
  const erin = await newPerson("erin", run);
  const finn = await newPerson("finn", run);
  const first = await newGroup(erin, `Quick fingers ${run}`, [finn]);
  const second = await newGroup(erin, `Other room ${run}`, [finn]);
  const e = await signIn(erin);
  const chat = new ChatPage(e.page);
  const rooms = new RoomsPage(e.page);
  runner.watch(e);

  try {
    await runner.test("fifty messages sent in quick succession over a jittery network are stored in the order typed", async () => {
      await e.page.goto(roomUrl(first.id));
      const input = e.page.getByTestId("composer-input");
      await input.waitFor();
      // A mobile network: each request takes its own time (0 to 240 ms) to reach the server.
      let posts = 0;
      await e.page.route("**/api/rooms/*/messages", async (route) => {
        if (route.request().method() !== "POST") return route.fallback();
        posts += 1;
        await new Promise((resolve) => setTimeout(resolve, ((posts * 7919) % 13) * 20));
        await route.fallback();
      });
      // Typed in the page itself: a round trip from the test per key would be slower than a fast typist.
      const gap = await input.evaluate(async (box) => {
        const setValue = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, "value").set;
        const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
        const started = performance.now();
        for (let i = 1; i <= 50; i++) {
          setValue.call(box, `Quick ${i}`);
          box.dispatchEvent(new Event("input", { bubbles: true }));
          await pause(0);
          box.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true, cancelable: true }));
          await pause(15);
        }
        return (performance.now() - started) / 50;
      });
      // About 50 ms apart on a quiet machine; the bound leaves room for a busy one (CI next to other work).
      assert(gap < 100, `sent ${Math.round(gap)} ms apart`);
      console.log(`      (sent ${Math.round(gap)} ms apart)`);
      let stored = [];
      await waitUntil(async () => {
        stored = (await messagesOf(erin, first.id)).map((m) => m.content).filter((c) => c.startsWith("Quick "));
        return stored.length >= 50;
      }, "all fifty stored", 60_000);
      await e.page.unrouteAll({ behavior: "wait" });
      const expected = Array.from({ length: 50 }, (_, i) => `Quick ${i + 1}`);
      const misplaced = stored.filter((c, i) => c !== expected[i]).length;
      assert(stored.length === 50 && misplaced === 0, `stored in the order typed (${misplaced} out of place: ${stored.join(", ")})`);
      await chat.waitForMessage("Quick 50", 30_000);
    });

    await runner.test("an unsent message stays in its room marked failed, and is sent exactly once when the connection returns", async () => {
      const text = `Written on a train ${run}`;
      await e.page.goto(roomUrl(first.id));
      await e.page.getByTestId("composer-input").waitFor();
      // No connection: every try fails before reaching the server.
      await e.page.route("**/api/rooms/*/messages", (route) =>
        route.request().method() === "POST" ? route.abort("internetdisconnected") : route.fallback(),
      );
      await chat.send(text);
      await pendingOrFailed(e.page, text).waitFor({ timeout: 20_000 });
      await rooms.open(second.name);
      await rooms.open(first.name);
      const failed = pendingOrFailed(e.page, text);
      await failed.waitFor();
      await failed.getByTestId("message-retry").waitFor();
      await e.page.reload();
      await pendingOrFailed(e.page, text).waitFor({ timeout: 20_000 });
      await e.page.unrouteAll({ behavior: "wait" });
      // The connection is back, but the answer to the first resend is lost on the way: the message is
      // stored, and the browser tries again with the same clientMessageId.
      let lost = 0;
      await e.page.route("**/api/rooms/*/messages", async (route) => {
        if (route.request().method() !== "POST" || lost > 0) return route.fallback();
        lost += 1;
        await route.fetch();
        await route.abort("connectionreset");
      });
      await e.page.evaluate(() => window.dispatchEvent(new Event("online")));
      await chat.waitForMessage(text, 20_000);
      await e.page.waitForTimeout(1500);
      await e.page.unrouteAll({ behavior: "wait" });
      assert(lost === 1, "the first resend's answer was lost");
      const copies = (await messagesOf(erin, first.id)).filter((m) => m.content === text).length;
      assert(copies === 1, `stored exactly once (${copies})`);
      assert((await chat.countMessages(text)) === 1, "shown once");
    });

    await runner.test("drafts are kept per room, across switching rooms and a reload", async () => {
      await e.page.goto(roomUrl(first.id));
      const input = e.page.getByTestId("composer-input");
      await input.fill("Half a thought about Saturday");
      await rooms.open(second.name);
      assert((await input.inputValue()) === "", "the other room has no draft");
      await input.fill("Something for the other room");
      await rooms.open(first.name);
      assert((await input.inputValue()) === "Half a thought about Saturday", `the first room's draft is back: ${await input.inputValue()}`);
      await e.page.reload();
      await input.waitFor();
      assert((await input.inputValue()) === "Half a thought about Saturday", "the draft survived a reload");
      await rooms.open(second.name);
      assert((await input.inputValue()) === "Something for the other room", "the second room's draft too");
    });
  } finally {
    await e.close();
  }
}

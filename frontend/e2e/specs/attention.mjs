/** Issue 16, item 6: what asks for attention: the tab title, desktop notifications, a live room list. */
import { assert } from "../harness.mjs";
import { newDirect, newGroup, newPerson, postAs, roomUrl, signIn } from "../people.mjs";
import { RoomsPage } from "../pages/rooms-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

/** A stand-in for the browser's Notification API that records what would have been shown. */
function fakeNotifications() {
  window.__notifications = [];
  class FakeNotification {
    static permission = "default";
    static requestPermission() {
      FakeNotification.permission = "granted";
      return Promise.resolve("granted");
    }
    constructor(title, options = {}) {
      window.__notifications.push({ title, body: options.body ?? "" });
    }
    close() {}
  }
  Object.defineProperty(window, "Notification", { value: FakeNotification, configurable: true, writable: true });
}

export async function attentionSpecs({ runner, run }) {
  const lea = await newPerson("lea", run);
  const max = await newPerson("max", run);
  const group = await newGroup(max, `Book club ${run}`, [lea]);
  const direct = await newDirect(max, lea);
  const l = await signIn(lea);
  await l.context.addInitScript(fakeNotifications);
  const rooms = new RoomsPage(l.page);
  runner.watch(l);
  const live = () => l.page.getByTestId("realtime-status").getAttribute("data-status");

  try {
    await runner.test("the room list follows its rooms' frames: a preview at once, and no polling while the socket is up", async () => {
      await rooms.goto();
      await rooms.waitForRoom(group.name);
      await waitUntil(async () => (await live()) === "live", "the WebSocket up");
      await l.page.waitForTimeout(1000);
      let polls = 0;
      const count = (request) => {
        if (request.method() === "GET" && new URL(request.url()).pathname === "/api/rooms") polls += 1;
      };
      l.page.on("request", count);
      const started = Date.now();
      const text = `Chapter three is great ${run}`;
      await postAs(max, group.id, text);
      await waitUntil(async () => (await rooms.preview(group.name)).includes(text), "the new preview", 4000);
      assert((await rooms.unreadCount(group.name)) === 1, "an unread badge at once");
      await l.page.waitForTimeout(Math.max(0, 12_000 - (Date.now() - started)));
      l.page.off("request", count);
      assert(polls === 0, `the list was read ${polls} times in 12 s with the socket up`);
    });

    await runner.test("the tab title counts unread messages", async () => {
      await postAs(max, group.id, "And chapter four?");
      await waitUntil(async () => (await l.page.title()).startsWith("(2) "), "(2) in the title", 5000);
      await rooms.open(group.name);
      await waitUntil(async () => !(await l.page.title()).startsWith("("), "no count once read", 10_000);
    });

    await runner.test("once turned on, desktop notifications tell of direct messages and mentions, and nothing else", async () => {
      // One page load (it brings the fake Notification in). A second load while the first is still exchanging
      // its refresh token would lose the rotated token and present the old one, which ends the login as reuse.
      await rooms.goto();
      await rooms.waitForRoom(group.name);
      const toggle = l.page.getByTestId("notifications-toggle");
      await toggle.click();
      await waitUntil(async () => (await toggle.getAttribute("aria-pressed")) === "true", "notifications on");
      await waitUntil(async () => (await live()) === "live", "the WebSocket up");
      await l.page.waitForTimeout(1000);
      await postAs(max, direct.id, `Psst, just for you ${run}`);
      await postAs(max, group.id, `No one in particular ${run}`);
      await postAs(max, group.id, `@${lea.username} what do you think? ${run}`);
      const shown = () => l.page.evaluate(() => window.__notifications);
      await waitUntil(async () => (await shown()).length >= 2, "two notifications");
      await l.page.waitForTimeout(1000);
      const notes = await shown();
      assert(notes.length === 2, `exactly two: ${JSON.stringify(notes)}`);
      assert(notes.some((n) => n.title === max.username && n.body.includes("Psst")), "the direct message");
      assert(notes.some((n) => n.title.includes(group.name) && n.body.includes("what do you think")), "the mention");
      await l.page.goto(roomUrl(direct.id));
    });
  } finally {
    await l.close();
  }
}

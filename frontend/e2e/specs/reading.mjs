/** Issue 16, item 3: the reader's place: where unread messages start, what was seen, what is new. */
import { assert } from "../harness.mjs";
import { distanceFromBottom, inViewport, markAllRead, newGroup, newPerson, png, postAs, roomSummary, roomUrl, signIn, upload } from "../people.mjs";
import { ChatPage } from "../pages/chat-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

export async function readingSpecs({ runner, run }) {
  const gwen = await newPerson("gwen", run);
  const hugo = await newPerson("hugo", run);
  const busy = await newGroup(gwen, `Busy room ${run}`, [hugo]);
  const photos = await newGroup(hugo, `Photo room ${run}`, [gwen]);
  await postAs(gwen, busy.id, "Before I left");
  await markAllRead(gwen, busy.id);
  for (let i = 1; i <= 230; i++) await postAs(hugo, busy.id, `Unread ${i}`);
  for (let i = 1; i <= 6; i++) {
    const picture = await upload(hugo, `view-${i}.png`, png(600, 450));
    await postAs(hugo, photos.id, `Picture ${i}`, { attachmentIds: [picture.id] });
  }
  await postAs(hugo, photos.id, "That was all the pictures");
  await markAllRead(gwen, photos.id);

  const g = await signIn(gwen);
  const chat = new ChatPage(g.page);
  runner.watch(g);
  try {
    await runner.test("a room with 230 unread opens at a 'new messages' line above the first unread, and only what was seen is marked read", async () => {
      await g.page.goto(roomUrl(busy.id));
      const divider = g.page.getByTestId("unread-divider");
      await divider.waitFor();
      const firstUnread = await chat.waitForMessage("Unread 1");
      assert(await inViewport(g.page, divider), "the line is on screen");
      assert(await inViewport(g.page, firstUnread), "the first unread message is on screen");
      const next = await divider.evaluate((el) => el.nextElementSibling?.querySelector('[data-testid="message-content"]')?.textContent);
      assert(next === "Unread 1", `the line is right above the first unread message (${next})`);
      assert((await distanceFromBottom(g.page)) > 1000, "not jumped to the bottom");
      await g.page.waitForTimeout(2000);
      const unread = (await roomSummary(gwen, busy.id)).unreadCount;
      assert(unread > 150 && unread < 230, `only what was on screen is marked read (${unread} still unread)`);
    });

    await runner.test("'N new messages' takes a reader who is scrolled up to the newest; then everything is read", async () => {
      const pill = g.page.getByTestId("new-messages-pill");
      await pill.waitFor();
      assert(/\d+ new messages/.test(await pill.innerText()), `the button counts them: ${await pill.innerText()}`);
      await pill.click();
      await waitUntil(async () => (await distanceFromBottom(g.page)) < 10, "at the newest message");
      await waitUntil(async () => (await roomSummary(gwen, busy.id)).unreadCount === 0, "all read once seen");
    });

    await runner.test("a message arriving while scrolled up is announced, without moving the view", async () => {
      await g.page.getByTestId("message-list").evaluate((el) => {
        el.scrollTop = el.scrollHeight / 2;
      });
      await waitUntil(async () => (await distanceFromBottom(g.page)) > 1000, "scrolled up");
      const before = await g.page.getByTestId("message-list").evaluate((el) => el.scrollTop);
      await postAs(hugo, busy.id, `Fresh news ${run}`);
      const pill = g.page.getByTestId("new-messages-pill");
      await waitUntil(async () => (await pill.count()) > 0 && (await pill.innerText()).includes("1 new message"), "'1 new message'");
      const after = await g.page.getByTestId("message-list").evaluate((el) => el.scrollTop);
      assert(Math.abs(after - before) < 5, "the view did not move");
      await pill.click();
      const fresh = await chat.waitForMessage(`Fresh news ${run}`);
      await waitUntil(() => inViewport(g.page, fresh), "the new message on screen");
    });

    await runner.test("a room with pictures stays at the newest message once the pictures have loaded", async () => {
      await g.page.goto(roomUrl(photos.id));
      await chat.waitForMessage("That was all the pictures");
      const images = g.page.getByTestId("attachment-image");
      await waitUntil(async () => (await images.count()) === 6, "six pictures");
      await waitUntil(() => images.evaluateAll((all) => all.every((img) => img.complete && img.naturalWidth > 0)), "the pictures loaded");
      await g.page.waitForTimeout(500);
      const distance = await distanceFromBottom(g.page);
      assert(distance < 10, `still at the newest message (${Math.round(distance)} px from the bottom)`);
      assert(await inViewport(g.page, await chat.waitForMessage("That was all the pictures")), "the last message on screen");
    });
  } finally {
    await g.close();
  }
}

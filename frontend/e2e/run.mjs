/**
 * Browser tests against the real backend and the real Next.js app: two people, each in their own
 * Chromium, do what people do in the chat. Prints "N passed, M failed" and exits non-zero on failure.
 */
import { api, assert, config, openBrowser, Runner, screenshot } from "./harness.mjs";
import { AuthPage } from "./pages/auth-page.mjs";
import { ChatPage } from "./pages/chat-page.mjs";
import { ContactsPage } from "./pages/contacts-page.mjs";
import { ProfilePage } from "./pages/profile-page.mjs";
import { RoomDetails } from "./pages/room-details.mjs";
import { RoomsPage } from "./pages/rooms-page.mjs";
import { waitUntil } from "./pages/wait.mjs";
import { adminSpecs } from "./specs/admin.mjs";
import { attachmentSpecs } from "./specs/attachments.mjs";
import { historySpecs } from "./specs/history.mjs";
import { presenceSpecs } from "./specs/presence.mjs";
import { realtimeSpecs } from "./specs/realtime.mjs";
import { roomAdminSpecs } from "./specs/room-admin.mjs";
import { attentionSpecs } from "./specs/attention.mjs";
import { entrySpecs } from "./specs/entry.mjs";
import { imageSpecs } from "./specs/images.mjs";
import { lookSpecs } from "./specs/look.mjs";
import { readingSpecs } from "./specs/reading.mjs";
import { sendingSpecs } from "./specs/sending.mjs";

const run = Date.now().toString(36);
const password = "correct-horse-9";
const alice = { username: `alice_${run}`, email: `alice_${run}@example.org`, password, displayName: "Alice Example" };
const bob = { username: `bob_${run}`, email: `bob_${run}@example.org`, password, displayName: "Bob Builder" };
const carol = { username: `carol_${run}`, email: `carol_${run}@example.org`, password, displayName: "Carol Singer" };
const group = `Weekend plans ${run}`;
const renamed = `Saturday hike ${run}`;

const runner = new Runner();
console.log(`E2E against ${config.baseUrl} (API ${config.apiUrl})`);
const a = await openBrowser("alice");
const b = await openBrowser("bob");
runner.watch(a, b);
const A = { auth: new AuthPage(a.page), rooms: new RoomsPage(a.page), chat: new ChatPage(a.page), contacts: new ContactsPage(a.page), profile: new ProfilePage(a.page), details: new RoomDetails(a.page) };
const B = { auth: new AuthPage(b.page), rooms: new RoomsPage(b.page), chat: new ChatPage(b.page) };

const first = `Hello Bob, it's Alice ${run}`;
const second = "Are you around on Saturday?";
const fromBob = "Hi Alice! Yes, Saturday works: https://example.org/plan";
const edited = "Are you around on Saturday afternoon?";
const reply = "Great, see you there";

try {
  await runner.test("login page rejects a wrong password with a readable message", async () => {
    await A.auth.login(`nobody_${run}`, "wrong-password");
    const text = await A.auth.errorText();
    assert(text.includes("Wrong username or password"), `error shown: ${text}`);
    await screenshot(a.page, "login");
  });

  await runner.test("two people register and land on their (empty) chat list", async () => {
    await A.auth.register(alice);
    await B.auth.register(bob);
    await a.page.getByText("No conversations yet").waitFor();
    assert(await A.auth.storedRefreshToken(), "refresh token persisted");
  });

  await runner.test("registering a taken username says so", async () => {
    const probe = await openBrowser("probe");
    try {
      const auth = new AuthPage(probe.page);
      await probe.page.goto(`${config.baseUrl}/register`);
      await probe.page.getByTestId("register-username").fill(alice.username.toUpperCase());
      await probe.page.getByTestId("register-email").fill(`other_${run}@example.org`);
      await probe.page.getByTestId("register-password").fill(password);
      await probe.page.getByTestId("register-submit").click();
      await probe.page.getByText("That username is already taken.").waitFor();
      assert(!(await auth.storedRefreshToken()), "no session for a failed registration");
    } finally {
      await probe.close();
    }
  });

  await runner.test("Alice creates a group with Bob by searching for him", async () => {
    await A.rooms.createGroup(group, [bob.username]);
    assert((await A.chat.title()) === group, "chat title is the group name");
    await A.chat.sendAndConfirm(first);
  });

  await runner.test("Bob sees the new group with an unread badge and the last message", async () => {
    await B.rooms.waitForRoom(group);
    await waitUntil(async () => (await B.rooms.unreadCount(group)) >= 1, "an unread badge");
    assert((await B.rooms.preview(group)).includes(first), "preview shows the last message");
  });

  await runner.test("both see each other's messages appear without reloading", async () => {
    await B.rooms.open(group);
    await B.chat.waitForMessage(first);
    await A.chat.sendAndConfirm(second);
    await B.chat.waitForMessage(second);
    await B.chat.sendAndConfirm(fromBob);
    const seen = await A.chat.waitForMessage(fromBob);
    const link = seen.getByRole("link", { name: "https://example.org/plan" });
    assert((await link.getAttribute("rel")) === "noopener noreferrer", "links open safely");
    assert((await link.getAttribute("target")) === "_blank", "links open in a new tab");
  });

  await realtimeSpecs({ runner, b, A, B, alice, bob, run });
  await attachmentSpecs({ runner, a, b, A, B, run });

  await runner.test("Alice sees read ticks once Bob has read her messages", async () => {
    await waitUntil(async () => (await A.chat.readState(second)) === "all", "read ticks on Alice's message");
  });

  await runner.test("Alice edits a message and Bob sees the new text", async () => {
    await A.chat.edit(second, edited);
    const message = await B.chat.waitForMessage(edited);
    await message.getByTestId("message-edited").waitFor();
    assert((await B.chat.countMessages(second)) === 0, "the old text is gone on Bob's side");
  });

  let deletedId;
  await runner.test("Alice deletes a message after confirming, Bob sees it deleted", async () => {
    deletedId = await A.chat.remove(edited);
    await B.chat.waitForDeleted(deletedId);
    assert((await B.chat.messageById(deletedId).innerText()).includes("This message was deleted"), "Bob sees the tombstone");
  });

  await runner.test("Alice restores her deleted message, Bob sees it again", async () => {
    await A.chat.restore(deletedId);
    await B.chat.waitForMessage(edited);
  });

  await runner.test("Alice replies to Bob's message with a quote both can see", async () => {
    await A.chat.reply(fromBob, reply);
    assert((await A.chat.quoteOf(reply)).includes("Saturday works"), "Alice sees the quote");
    await B.chat.waitForMessage(reply);
    assert((await B.chat.quoteOf(reply)).includes("Saturday works"), "Bob sees the quote");
  });

  await historySpecs({ runner, a, A, second, edited, group });

  await runner.test("a send whose answer is lost is retried without doubling the message", async () => {
    const text = `Sent over a flaky network ${run}`;
    let dropped = 0;
    await a.page.route("**/api/rooms/*/messages", async (route) => {
      if (route.request().method() !== "POST" || dropped > 0) return route.fallback();
      dropped += 1;
      await route.fetch(); // the server stores the message ...
      await route.abort("connectionreset"); // ... but its answer never reaches the browser
    });
    await A.chat.sendAndConfirm(text);
    await a.page.unrouteAll({ behavior: "wait" });
    assert(dropped === 1, "one answer was dropped");
    await B.chat.waitForMessage(text);
    await b.page.waitForTimeout(2000);
    assert((await B.chat.countMessages(text)) === 1, "Bob sees it exactly once");
    assert((await A.chat.countMessages(text)) === 1, "Alice sees it exactly once");
  });

  await runner.test("a reload keeps Alice logged in and shows the history", async () => {
    await a.page.reload();
    await A.chat.waitForMessage(first);
    await A.chat.waitForMessage(reply);
    assert((await A.chat.title()) === group, "same room after reload");
  });

  await runner.test("Alice starts a direct chat with Bob from user search", async () => {
    await A.rooms.startDirect(bob.username);
    assert((await A.chat.title()) === bob.username, "a direct chat is named after the other person");
    await A.chat.sendAndConfirm("Just between us");
    await B.rooms.waitForRoom(alice.username);
    await B.rooms.open(alice.username);
    await B.chat.waitForMessage("Just between us");
  });

  await presenceSpecs({ runner, A, B, run, password, alice, bob });

  await runner.test("Alice adds and removes Bob as a contact", async () => {
    await A.contacts.goto();
    await A.contacts.add(bob.username);
    // The contact list is a read model that catches up within a moment of the change.
    await waitUntil(async () => {
      await a.page.reload();
      await a.page.getByTestId("contact-list").waitFor({ state: "attached" });
      await a.page.getByText(/Your contacts \(\d+\)/).waitFor();
      return (await A.contacts.contact(bob.username).count()) === 1;
    }, "Bob in Alice's contacts after a reload");
    await screenshot(a.page, "contacts");
    await A.contacts.remove(bob.username);
    await A.contacts.add(bob.username);
  });

  await runner.test("screenshots of the chat on desktop and phone", async () => {
    await A.rooms.goto();
    await screenshot(a.page, "rooms");
    await A.rooms.open(group);
    await A.chat.waitForMessage(reply);
    await screenshot(a.page, "chat-desktop");
    await a.page.setViewportSize({ width: 390, height: 844 });
    await A.chat.waitForMessage(reply);
    await a.page.getByTestId("back-to-rooms").waitFor();
    await screenshot(a.page, "chat-phone");
    await A.rooms.goto();
    await screenshot(a.page, "rooms-phone");
    await a.page.setViewportSize({ width: 1280, height: 800 });
  });

  await runner.test("older history loads when scrolling up", async () => {
    const { accessToken } = await api("POST", "/api/auth/login", { body: { username: bob.username, password } });
    await A.rooms.open(group);
    const roomId = A.chat.roomId();
    for (let i = 1; i <= 60; i++) {
      await api("POST", `/api/rooms/${roomId}/messages`, {
        token: accessToken,
        body: { content: `Backlog ${i}`, clientMessageId: `e2e-${run}-${i}` },
      });
      if (i % 30 === 0) await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    await a.page.reload();
    await A.chat.waitForMessage("Backlog 60");
    assert((await A.chat.countMessages(first)) === 0, "the first message is not in the newest page");
    await waitUntil(async () => {
      await A.chat.scrollToTop();
      return (await A.chat.countMessages(first)) === 1;
    }, "older messages to load");
    await a.page.getByTestId("history-start").waitFor();
  });

  await roomAdminSpecs({ runner, a, b, A, B, bob, carol, group, renamed });

  await runner.test("Alice changes her display name on the profile page", async () => {
    await A.profile.goto();
    await A.profile.setDisplayName("Alice Wonder");
    await a.page.reload();
    await waitUntil(async () => (await A.profile.displayName()) === "Alice Wonder", "the saved display name after reload");
  });

  await runner.test("Carol changes her password, logs in with it, then deactivates her account", async () => {
    const c = await openBrowser("carol");
    try {
      const auth = new AuthPage(c.page);
      const profile = new ProfilePage(c.page);
      await auth.login(carol.username, carol.password);
      await c.page.waitForURL(/\/rooms$/);
      await profile.goto();
      await profile.changePassword(carol.password, "brand-new-secret-1");
      await new RoomsPage(c.page).logout();
      await auth.waitForLoginPage();
      await auth.login(carol.username, carol.password);
      assert((await auth.errorText()).includes("Wrong username or password"), "the old password no longer works");
      await auth.login(carol.username, "brand-new-secret-1");
      await c.page.waitForURL(/\/rooms$/);
      await profile.goto();
      await profile.deactivate();
      await auth.waitForLoginPage();
      await auth.login(carol.username, "brand-new-secret-1");
      assert((await auth.errorText()).includes("deactivated"), "a deactivated account cannot log in");
    } finally {
      await c.close();
    }
  });

  await adminSpecs({ runner, a });

  // Issue 16: each of these brings its own people, rooms and browsers.
  const issue16 = [sendingSpecs, readingSpecs, imageSpecs, entrySpecs, attentionSpecs, lookSpecs];
  for (const specs of issue16) {
    try {
      await specs({ runner, run });
    } catch (error) {
      await runner.test(`${specs.name}: setting up`, () => Promise.reject(error));
    }
  }

  await runner.test("logging out ends the session, also after a reload", async () => {
    await A.rooms.logout();
    await A.auth.waitForLoginPage();
    assert(!(await A.auth.storedRefreshToken()), "refresh token removed");
    await a.page.goto(`${config.baseUrl}/rooms`);
    await A.auth.waitForLoginPage();
  });

  await runner.test("no page errors in any browser", async () => {
    const errors = runner.pages.flatMap((p) => p.errors.map((e) => `${p.name}: ${e}`));
    assert(errors.length === 0, `page errors: ${errors.join(" | ")}`);
  });
} finally {
  await a.close();
  await b.close();
}

process.exit(runner.summary() > 0 ? 1 : 0);

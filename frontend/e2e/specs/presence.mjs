/** Online dots from GET /api/presence and presence frames on /user/queue/events. */
import { api, assert, openBrowser } from "../harness.mjs";
import { AuthPage } from "../pages/auth-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

export async function presenceSpecs({ runner, A, B, run, password, alice, bob }) {
  await runner.test("in a direct chat Bob sees that Alice is online", async () => {
    await waitUntil(async () => (await B.chat.subtitle()) === "Online", "Alice shown online in Bob's header");
    await A.chat.waitForTransport("push");
    assert((await A.chat.subtitle()) === "Online", "Bob shown online in Alice's header");
  });

  await runner.test("the chat list shows the other person's dot on a direct chat, and none on a group", async () => {
    const direct = A.rooms.room(bob.username).getByTestId("presence-dot");
    await waitUntil(async () => (await direct.getAttribute("data-online")) === "true", "Bob's dot green in Alice's list");
    const fromBob = B.rooms.room(alice.username).getByTestId("presence-dot");
    await waitUntil(async () => (await fromBob.getAttribute("data-online")) === "true", "Alice's dot green in Bob's list");
    const groups = A.rooms.page.locator('[data-testid="room-item"]').filter({ hasText: "(group)" });
    assert((await groups.count()) > 0, "Alice has a group in her list");
    assert((await groups.first().getByTestId("presence-dot").count()) === 0, "no dot on a group");
  });

  await runner.test("a contact's dot turns green when they log in and grey when they leave", async () => {
    const dave = { username: `dave_${run}`, email: `dave_${run}@example.org`, password, displayName: "Dave Online" };
    await api("POST", "/api/auth/register", { body: dave });
    await A.contacts.goto();
    await A.contacts.add(dave.username);
    const dot = A.contacts.contact(dave.username).getByTestId("presence-dot");
    await waitUntil(async () => (await dot.getAttribute("data-online")) === "false", "Dave shown offline");
    const d = await openBrowser("dave");
    try {
      const auth = new AuthPage(d.page);
      await auth.login(dave.username, dave.password);
      await d.page.waitForURL(/\/rooms$/);
      await waitUntil(async () => (await dot.getAttribute("data-online")) === "true", "Dave shown online without a reload");
    } finally {
      await d.close();
    }
    await waitUntil(async () => (await dot.getAttribute("data-online")) === "false", "Dave shown offline once his browser closed", 20_000);
  });
}

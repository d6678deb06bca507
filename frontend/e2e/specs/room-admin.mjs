/** Managing a group: renaming, roles, the history of the name, adding and removing people, deleting it. */
import { api, assert, config } from "../harness.mjs";
import { HistoryPage } from "../pages/history-page.mjs";
import { RoomDetails } from "../pages/room-details.mjs";
import { waitUntil } from "../pages/wait.mjs";

export async function roomAdminSpecs({ runner, a, b, A, B, bob, carol, group, renamed }) {
  await runner.test("Alice renames the group and makes Bob an admin; Bob sees it live", async () => {
    await B.rooms.open(group);
    await A.details.rename(renamed);
    await waitUntil(async () => (await B.chat.title()) === renamed, "the new name on Bob's screen");
    await A.details.toggleAdmin(bob.username);
    await waitUntil(async () => (await A.details.participant(bob.username).getAttribute("data-role")) === "ADMIN", "Bob shown as admin");
    const bobDetails = new RoomDetails(b.page);
    await bobDetails.open();
    await waitUntil(async () => (await bobDetails.participant(bob.username).getAttribute("data-role")) === "ADMIN", "Bob sees himself as admin");
  });

  await runner.test("the room's history shows the new name now and the old name before the rename", async () => {
    const history = new HistoryPage(b.page);
    await history.openFromChat();
    await waitUntil(async () => (await history.name()) === renamed, "the new name in the latest state");
    const seq = await history.showAfter("RoomRenamed", renamed);
    assert((await history.name()) === renamed, "right after the rename: the new name");
    await history.slideTo("ArrowLeft");
    await history.waitForSeq(seq - 1);
    assert((await history.name()) === group, `before the rename: the old name (${await history.name()})`);
    await b.page.getByTestId("history-back").click();
    await waitUntil(async () => (await B.chat.title()) === renamed, "back in the chat");
  });

  await runner.test("Alice adds Carol to the group and removes her again after confirming", async () => {
    await api("POST", "/api/auth/register", { body: carol });
    await A.details.addParticipant(carol.username);
    await waitUntil(async () => (await b.page.getByTestId("chat-subtitle").innerText()).includes(carol.username), "Carol in Bob's header");
    await A.details.removeParticipant(carol.username);
    await waitUntil(async () => !(await b.page.getByTestId("chat-subtitle").innerText()).includes(carol.username), "Carol gone from Bob's header");
  });

  await runner.test("Alice deletes the group after confirming; it closes for Bob too", async () => {
    await A.details.deleteRoom();
    await a.page.waitForURL(`${config.baseUrl}/rooms`);
    await b.page.getByTestId("room-closed").waitFor();
    await A.rooms.room(renamed).waitFor({ state: "detached" });
    await B.rooms.room(renamed).waitFor({ state: "detached" });
  });
}

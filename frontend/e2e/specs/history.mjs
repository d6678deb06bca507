/** A room's history from the event store: the audit log and the room at a point in time. */
import { assert, screenshot } from "../harness.mjs";
import { HistoryPage } from "../pages/history-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

export async function historySpecs({ runner, a, A, second, edited, group }) {
  const history = new HistoryPage(a.page);

  await runner.test("Alice opens the room's history and sees every stored event in order", async () => {
    await history.openFromChat();
    const first = a.page.getByTestId("audit-entry").first();
    assert((await first.getAttribute("data-seq")) === "1", "the log starts at the first event");
    assert((await first.innerText()).includes(`created the group “${group}”`), "the first event created the group");
    await history.entry("MessageEdited", edited);
  });

  await runner.test("the room before Alice's edit shows the message as first written", async () => {
    await history.showAfter("MessagePosted", second);
    const messages = await history.messages();
    assert(messages.includes(second), `the original text is there: ${messages.join(" | ")}`);
    assert(!messages.includes(edited), "the edited text is not there yet");
    await screenshot(a.page, "history");
    await a.page.getByTestId("history-now").click();
    await waitUntil(async () => (await history.messages()).includes(edited), "the edited text now");
    assert(!(await history.messages()).includes(second), "the old text is gone now");
  });

  await runner.test("the slider goes back to the room's first event and a time before it says so", async () => {
    await history.slideTo("Home");
    await history.waitForSeq(1);
    assert((await history.messages()).length === 0, "no messages right after the room was created");
    await history.jumpTo("2020-01-01T00:00:00");
    await waitUntil(async () => (await a.page.getByTestId("history-error").innerText()).includes("did not exist yet"), "the room did not exist yet");
    await a.page.getByTestId("history-back").click();
    await A.chat.waitForMessage(edited);
  });
}

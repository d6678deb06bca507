import { waitUntil } from "./wait.mjs";

export class HistoryPage {
  constructor(page) {
    this.page = page;
    this.snapshot = page.getByTestId("history-snapshot");
  }

  async openFromChat() {
    await this.page.getByTestId("room-history-link").click();
    await this.page.waitForURL(/\/rooms\/[^/]+\/history$/);
    await this.page.getByTestId("audit-entry").first().waitFor();
    await this.snapshot.waitFor();
  }

  /** The audit entry of `type` whose text contains `text`, loading further pages until it shows. */
  async entry(type, text) {
    const entry = this.page.locator(`[data-testid="audit-entry"][data-type="${type}"]`).filter({ hasText: text });
    await waitUntil(async () => {
      if ((await entry.count()) > 0) return true;
      const more = this.page.getByTestId("audit-more");
      if ((await more.count()) > 0) await more.click();
      return false;
    }, `the ${type} entry with "${text}"`);
    return entry.first();
  }

  async showAfter(type, text) {
    const entry = await this.entry(type, text);
    const seq = await entry.getAttribute("data-seq");
    await entry.getByRole("button").click();
    await this.waitForSeq(seq);
    return Number(seq);
  }

  async waitForSeq(seq) {
    await waitUntil(async () => (await this.snapshot.getAttribute("data-seq")) === String(seq), `the room after event #${seq}`);
  }

  name() {
    return this.snapshot.getByTestId("snapshot-name").innerText();
  }

  messages() {
    return this.snapshot.getByTestId("snapshot-message-content").allInnerTexts();
  }

  async slideTo(key) {
    const slider = this.page.getByTestId("history-slider");
    await slider.focus();
    await slider.press(key);
  }

  async jumpTo(localDateTime) {
    await this.page.getByTestId("history-instant").fill(localDateTime);
    await this.page.getByTestId("history-instant-go").click();
  }
}

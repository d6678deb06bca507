import { waitUntil } from "./wait.mjs";

export class ChatPage {
  constructor(page) {
    this.page = page;
  }

  title() {
    return this.page.getByTestId("chat-title").innerText();
  }

  roomId() {
    return new URL(this.page.url()).pathname.split("/").pop();
  }

  /** The confirmed (not pending) message whose text is exactly `text`. */
  message(text) {
    return this.page
      .locator('[data-testid="message"]:not([data-status="pending"]):not([data-status="failed"])')
      .filter({ has: this.page.getByTestId("message-content").getByText(text, { exact: true }) });
  }

  messageById(id) {
    return this.page.locator(`[data-testid="message"][data-message-id="${id}"]`);
  }

  async waitForMessage(text, timeout = 15_000) {
    await this.message(text).first().waitFor({ timeout });
    return this.message(text).first();
  }

  async countMessages(text) {
    return this.page
      .getByTestId("message")
      .filter({ has: this.page.getByTestId("message-content").getByText(text, { exact: true }) })
      .count();
  }

  async send(text) {
    const input = this.page.getByTestId("composer-input");
    await input.fill(text);
    await input.press("Enter");
  }

  async sendAndConfirm(text) {
    await this.send(text);
    return this.waitForMessage(text);
  }

  async idOf(text) {
    return (await this.waitForMessage(text)).getAttribute("data-message-id");
  }

  async action(text, testId) {
    const message = await this.waitForMessage(text);
    await message.hover();
    await message.getByTestId(testId).click();
  }

  async edit(text, newText) {
    await this.action(text, "message-edit");
    const input = this.page.getByTestId("edit-input");
    await input.fill(newText);
    await input.press("Enter");
    await this.waitForMessage(newText);
  }

  async remove(text) {
    const id = await this.idOf(text);
    await this.action(text, "message-delete");
    await this.page.getByTestId("confirm-dialog").getByTestId("confirm-accept").click();
    await this.waitForDeleted(id);
    return id;
  }

  async waitForDeleted(id, timeout = 15_000) {
    await this.messageById(id).and(this.page.locator('[data-deleted="true"]')).waitFor({ timeout });
  }

  async restore(id) {
    const message = this.messageById(id);
    await message.hover();
    await message.getByTestId("message-restore").click();
    await this.messageById(id).and(this.page.locator('[data-deleted="false"]')).waitFor();
  }

  async reply(toText, text) {
    await this.action(toText, "message-reply");
    await this.page.getByTestId("reply-preview").waitFor();
    await this.sendAndConfirm(text);
  }

  async quoteOf(text) {
    const quote = (await this.waitForMessage(text)).getByTestId("message-quote-text");
    await waitUntil(async () => (await quote.innerText()) !== "Loading…", "the quote to load");
    return quote.innerText();
  }

  async readState(text) {
    return (await this.waitForMessage(text)).getByTestId("message-ticks").getAttribute("data-read");
  }

  /** How frames reach this page: "push" (WebSocket), "poll" (fallback) or "none" yet. */
  transport() {
    return this.page.getByTestId("chat-header").getAttribute("data-transport");
  }

  async waitForTransport(transport, timeout = 15_000) {
    await waitUntil(async () => (await this.transport()) === transport, `frames arriving by ${transport}`, timeout);
  }

  typingText() {
    return this.page.getByTestId("typing-indicator").innerText();
  }

  /** Types into the composer without sending, a key at a time as a person does. */
  async typeDraft(text) {
    await this.page.getByTestId("composer-input").pressSequentially(text, { delay: 40 });
  }

  async clearDraft() {
    await this.page.getByTestId("composer-input").fill("");
  }

  subtitle() {
    return this.page.getByTestId("chat-subtitle").innerText();
  }

  async scrollToTop() {
    await this.page.getByTestId("message-list").evaluate((el) => {
      el.scrollTop = 0;
    });
  }
}

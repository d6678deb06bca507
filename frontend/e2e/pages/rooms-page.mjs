import { config } from "../harness.mjs";

export class RoomsPage {
  constructor(page) {
    this.page = page;
  }

  async goto() {
    await this.page.goto(`${config.baseUrl}/rooms`);
    await this.page.getByTestId("room-list").waitFor({ state: "attached" });
  }

  room(name) {
    return this.page.locator(`[data-testid="room-item"][data-room-name="${name}"]`);
  }

  /** Waits for the room to show up in the list (the list refreshes every few seconds). */
  async waitForRoom(name, timeout = 15_000) {
    await this.room(name).waitFor({ timeout });
    return this.room(name);
  }

  async unreadCount(name) {
    const badge = this.room(name).getByTestId("room-unread");
    if ((await badge.count()) === 0) return 0;
    return Number(await badge.innerText());
  }

  async preview(name) {
    return this.room(name).getByTestId("room-preview").innerText();
  }

  async open(name) {
    const room = await this.waitForRoom(name);
    const id = await room.getAttribute("data-room-id");
    await room.click();
    await this.page.waitForURL((url) => url.pathname === `/rooms/${id}`);
    await this.page.getByTestId("composer-input").waitFor();
  }

  async pickUser(username) {
    const dialog = this.page.getByTestId("new-chat-dialog");
    await dialog.getByTestId("user-search").fill(username);
    await dialog.locator(`[data-testid="user-result"][data-username="${username}"]`).click();
  }

  /** Waits until the app has navigated to a room other than the one open before. */
  async waitForNewRoom(before) {
    await this.page.waitForURL((url) => /\/rooms\/[0-9a-f-]+$/.test(url.pathname) && url.href !== before);
    await this.page.getByTestId("composer-input").waitFor();
  }

  async createGroup(name, usernames) {
    const before = this.page.url();
    await this.page.getByTestId("new-chat-button").click();
    const dialog = this.page.getByTestId("new-chat-dialog");
    await dialog.getByTestId("new-chat-tab-group").click();
    await dialog.getByTestId("group-name").fill(name);
    for (const username of usernames) await this.pickUser(username);
    await dialog.getByTestId("create-group-submit").click();
    await this.waitForNewRoom(before);
  }

  async startDirect(username) {
    const before = this.page.url();
    await this.page.getByTestId("new-chat-button").click();
    await this.page.getByTestId("new-chat-dialog").getByTestId("new-chat-tab-direct").click();
    await this.pickUser(username);
    await this.waitForNewRoom(before);
  }

  async logout() {
    await this.page.getByTestId("logout-button").click();
  }
}

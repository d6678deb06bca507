export class RoomDetails {
  constructor(page) {
    this.page = page;
    this.panel = page.getByTestId("room-details");
  }

  async open() {
    if ((await this.panel.count()) === 0) await this.page.getByTestId("room-details-toggle").click();
    await this.panel.waitFor();
  }

  async rename(name) {
    await this.open();
    await this.panel.getByTestId("rename-input").fill(name);
    await this.panel.getByTestId("rename-save").click();
  }

  participant(username) {
    return this.panel.locator(`[data-testid="participant"][data-username="${username}"]`);
  }

  async toggleAdmin(username) {
    await this.open();
    await this.participant(username).getByTestId("participant-role").click();
  }

  async addParticipant(username) {
    await this.open();
    await this.panel.getByTestId("add-participant-toggle").click();
    await this.panel.getByTestId("user-search").fill(username);
    await this.panel.locator(`[data-testid="user-result"][data-username="${username}"]`).click();
    await this.participant(username).waitFor();
  }

  async removeParticipant(username) {
    await this.open();
    await this.participant(username).getByTestId("participant-remove").click();
    await this.page.getByTestId("confirm-dialog").getByTestId("confirm-accept").click();
    await this.participant(username).waitFor({ state: "detached" });
  }

  async deleteRoom() {
    await this.open();
    await this.panel.getByTestId("delete-room").click();
    await this.page.getByTestId("confirm-dialog").getByTestId("confirm-accept").click();
  }
}

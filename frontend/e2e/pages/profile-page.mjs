import { config } from "../harness.mjs";

export class ProfilePage {
  constructor(page) {
    this.page = page;
  }

  async goto() {
    await this.page.getByTestId("nav-profile").click();
    await this.page.waitForURL(`${config.baseUrl}/profile`);
    await this.page.getByTestId("profile-display-name").waitFor();
  }

  async setDisplayName(name) {
    await this.page.getByTestId("profile-display-name").fill(name);
    await this.page.getByTestId("profile-save").click();
    await this.page.getByTestId("profile-name").getByText(name, { exact: true }).waitFor();
  }

  async changePassword(current, next) {
    await this.page.getByTestId("password-current").fill(current);
    await this.page.getByTestId("password-new").fill(next);
    await this.page.getByTestId("password-save").click();
    await this.page.getByText("Password changed.").waitFor();
  }

  async deactivate() {
    await this.page.getByTestId("deactivate-account").click();
    await this.page.getByTestId("confirm-dialog").getByTestId("confirm-accept").click();
  }

  displayName() {
    return this.page.getByTestId("profile-display-name").inputValue();
  }
}

import { config } from "../harness.mjs";

export class ContactsPage {
  constructor(page) {
    this.page = page;
  }

  async goto() {
    await this.page.getByTestId("nav-contacts").click();
    await this.page.waitForURL(`${config.baseUrl}/contacts`);
  }

  contact(username) {
    return this.page.locator(`[data-testid="contact-item"][data-username="${username}"]`);
  }

  async add(username) {
    const search = this.page.getByTestId("contacts-search");
    await search.getByTestId("user-search").fill(username);
    await search.locator(`[data-testid="user-result"][data-username="${username}"]`).click();
    await this.contact(username).waitFor();
  }

  async remove(username) {
    await this.contact(username).getByTestId("contact-remove").click();
    await this.contact(username).waitFor({ state: "detached" });
  }
}

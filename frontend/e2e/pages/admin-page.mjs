import { config } from "../harness.mjs";

export class AdminPage {
  constructor(page) {
    this.page = page;
  }

  async goto() {
    await this.page.getByTestId("nav-admin").click();
    await this.page.waitForURL(`${config.baseUrl}/admin`);
    await this.page.getByTestId("projection-table").waitFor();
  }

  row(name) {
    return this.page.locator(`[data-testid="projection-row"][data-name="${name}"]`);
  }

  async names() {
    return this.page.getByTestId("projection-row").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-name")));
  }

  async chartSamples(name) {
    return Number(await this.row(name).getByTestId("lag-chart").getAttribute("data-samples"));
  }

  async rebuild(name) {
    await this.row(name).getByTestId("projection-rebuild").click();
  }

  toast(text) {
    return this.page.getByText(text);
  }
}

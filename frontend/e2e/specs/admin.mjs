/** The admin page: projections with lag charts and rebuilds, dead letters; hidden from everyone else. */
import { assert, config, openBrowser, screenshot } from "../harness.mjs";
import { AdminPage } from "../pages/admin-page.mjs";
import { AuthPage } from "../pages/auth-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

export async function adminSpecs({ runner, a }) {
  await runner.test("someone who is not an admin has no admin page", async () => {
    assert((await a.page.getByTestId("nav-admin").count()) === 0, "no Admin entry in the navigation");
    await a.page.goto(`${config.baseUrl}/admin`);
    await a.page.getByTestId("admin-forbidden").waitFor();
    assert((await a.page.getByTestId("projection-table").count()) === 0, "no projections shown");
  });

  const username = process.env.E2E_ADMIN_USERNAME;
  const password = process.env.E2E_ADMIN_PASSWORD;
  await runner.test("the admin sees every projection, its lag over time, and can rebuild one", async () => {
    assert(username && password, "E2E_ADMIN_USERNAME and E2E_ADMIN_PASSWORD name the admin the backend was started with");
    const browser = await openBrowser("admin");
    try {
      const auth = new AuthPage(browser.page);
      const admin = new AdminPage(browser.page);
      await auth.login(username, password);
      await browser.page.waitForURL(/\/rooms$/);
      await admin.goto();
      const names = await admin.names();
      for (const name of ["rooms", "users", "contacts"]) assert(names.includes(name), `projection ${name} listed (${names.join(", ")})`);
      await waitUntil(async () => (await admin.chartSamples("rooms")) >= 3, "the table refreshing every 2 s");
      await screenshot(browser.page, "admin");
      await admin.rebuild("contacts");
      await waitUntil(async () => (await admin.toast("Rebuild of contacts started.").count()) > 0, "the rebuild confirmed");
      const row = admin.row("contacts");
      await waitUntil(async () => (await row.getAttribute("data-last-rebuild")) === "DONE", "the rebuild to finish", 60_000);
      assert((await row.getAttribute("data-replaying")) === "false", "no longer rebuilding");
      const bar = row.getByRole("progressbar");
      assert((await bar.getAttribute("aria-valuenow")) === "100", `progress at 100 % (${await bar.getAttribute("aria-valuenow")})`);
      assert((await row.getByTestId("projection-progress").innerText()).includes("rebuilt 100"), "says rebuilt 100 %");
      await browser.page.getByTestId("dead-letters-empty").waitFor();
    } finally {
      await browser.close();
    }
  });
}

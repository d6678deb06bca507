/** Issue 16, item 5: a room that does not exist, and a session that ended, are said at once and plainly. */
import crypto from "node:crypto";
import { api, assert, config, screenshot } from "../harness.mjs";
import { newPerson, signIn } from "../people.mjs";
import { AuthPage } from "../pages/auth-page.mjs";

export async function entrySpecs({ runner, run }) {
  const kim = await newPerson("kim", run);
  const k = await signIn(kim);
  runner.watch(k);
  try {
    await runner.test("a room that does not exist is answered at once, without retrying", async () => {
      const missing = crypto.randomUUID();
      let reads = 0;
      k.page.on("request", (request) => {
        if (new URL(request.url()).pathname.startsWith(`/api/rooms/${missing}`)) reads += 1;
      });
      const started = Date.now();
      await k.page.goto(`${config.baseUrl}/rooms/${missing}`);
      const closed = k.page.getByTestId("room-closed");
      await closed.waitFor({ timeout: 15_000 });
      const took = Date.now() - started;
      assert((await closed.innerText()).includes("not found"), `says it was not found: ${await closed.innerText()}`);
      // The old retry schedule alone waited 6 s; a busy machine may take a few seconds to load the page.
      assert(took < 5000, `answered in ${took} ms`);
      assert(reads <= 2, `asked the server ${reads} times`);
    });

    await runner.test("a session revoked elsewhere lands on the login page with a sentence saying so", async () => {
      const refreshToken = await k.page.evaluate(() => window.localStorage.getItem("eventchat.refreshToken"));
      assert(refreshToken, "logged in");
      await api("POST", "/api/auth/logout", { token: kim.token, body: { refreshToken } });
      await k.page.reload();
      const auth = new AuthPage(k.page);
      await auth.waitForLoginPage();
      const notice = k.page.getByTestId("session-ended");
      await notice.waitFor();
      assert((await notice.innerText()).includes("Your session has ended"), `says why: ${await notice.innerText()}`);
      await screenshot(k.page, "login-session-ended");
      await auth.login(kim.username, kim.password);
      await k.page.waitForURL(/\/rooms$/);
    });
  } finally {
    await k.close();
  }
}

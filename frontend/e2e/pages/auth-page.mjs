import { config } from "../harness.mjs";
import { waitUntil } from "./wait.mjs";

export class AuthPage {
  constructor(page) {
    this.page = page;
  }

  async gotoLogin() {
    await this.page.goto(`${config.baseUrl}/login`);
    await this.page.getByTestId("login-username").waitFor();
  }

  async register({ username, email, password, displayName }) {
    await this.page.goto(`${config.baseUrl}/register`);
    await this.page.getByTestId("register-username").fill(username);
    if (displayName) await this.page.getByTestId("register-display-name").fill(displayName);
    await this.page.getByTestId("register-email").fill(email);
    await this.page.getByTestId("register-password").fill(password);
    await this.page.getByTestId("register-submit").click();
    await this.page.waitForURL(/\/rooms$/);
  }

  async login(username, password) {
    await this.gotoLogin();
    await this.page.getByTestId("login-username").fill(username);
    await this.page.getByTestId("login-password").fill(password);
    await this.page.getByTestId("login-submit").click();
  }

  async errorText() {
    const error = this.page.getByTestId("auth-error");
    await error.waitFor();
    return error.innerText();
  }

  async storedRefreshToken() {
    return this.page.evaluate(() => window.localStorage.getItem("eventchat.refreshToken"));
  }

  async waitForLoginPage() {
    await waitUntil(async () => new URL(this.page.url()).pathname === "/login", "the login page");
    await this.page.getByTestId("login-username").waitFor();
  }
}

/** Issue 16, item 7: dark mode, phones, keyboard and screen readers, the login page, the upload limit. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { assert, config, openBrowser, screenshot } from "../harness.mjs";
import { newGroup, newPerson, postAs, markAllRead, roomUrl, signIn } from "../people.mjs";
import { ChatPage } from "../pages/chat-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

/** The perceived lightness (0 dark .. 1 light) of an element's background. */
function lightness(locator) {
  return locator.evaluate((el) => {
    const canvas = document.createElement("canvas").getContext("2d");
    canvas.fillStyle = getComputedStyle(el).backgroundColor;
    canvas.fillRect(0, 0, 1, 1);
    const [r, g, b] = canvas.getImageData(0, 0, 1, 1).data;
    return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
  });
}

/** How visible an element really is: 0 when it or an ancestor is not displayed, else the product of their opacities. */
function visibility(locator) {
  return locator.evaluate((el) => {
    let opacity = 1;
    for (let node = el; node instanceof Element; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.display === "none" || style.visibility === "hidden") return 0;
      opacity *= Number(style.opacity);
    }
    return opacity;
  });
}

/** How many controls in the conversation the Tab key stops at. */
function tabStops(page) {
  return page.getByTestId("message-list").evaluate((list) => {
    const all = list.querySelectorAll("a[href], button, textarea, input, [tabindex]");
    return Array.from(all).filter((el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0).length;
  });
}

export async function lookSpecs({ runner, run }) {
  const nia = await newPerson("nia", run);
  const oli = await newPerson("oli", run);
  const room = await newGroup(nia, `Design review ${run}`, [oli]);
  for (let i = 1; i <= 20; i++) await postAs(i % 2 ? oli : nia, room.id, i === 20 ? "Looks good to me, ship it" : `Review note ${i}`);
  await markAllRead(nia, room.id);

  await runner.test("the login page names the product", async () => {
    const probe = await openBrowser("login-probe");
    try {
      await probe.page.goto(`${config.baseUrl}/login`);
      await probe.page.getByTestId("login-username").waitFor();
      const text = await probe.page.locator("main").innerText();
      assert(text.includes("EventChat"), `the page says "EventChat": ${text.slice(0, 120)}`);
    } finally {
      await probe.close();
    }
  });

  await runner.test("dark mode follows the system, and a toggle overrides it, also after a reload", async () => {
    const dark = await openBrowser("nia-dark", { width: 1280, height: 800 }, { colorScheme: "dark" });
    try {
      await dark.page.goto(`${config.baseUrl}/login`);
      await dark.page.getByTestId("login-username").waitFor();
      assert((await lightness(dark.page.locator("body"))) < 0.3, "the login page is dark");
      await screenshot(dark.page, "login-dark");
      await dark.page.getByTestId("login-username").fill(nia.username);
      await dark.page.getByTestId("login-password").fill(nia.password);
      await dark.page.getByTestId("login-submit").click();
      await dark.page.waitForURL(/\/rooms$/);
      await dark.page.goto(roomUrl(room.id));
      await new ChatPage(dark.page).waitForMessage("Looks good to me, ship it");
      assert((await lightness(dark.page.getByTestId("message-list"))) < 0.3, "the conversation is dark");
      await screenshot(dark.page, "chat-desktop-dark");
      const toggle = dark.page.getByTestId("theme-toggle").first();
      while ((await toggle.getAttribute("data-theme")) !== "light") await toggle.click();
      await waitUntil(async () => (await lightness(dark.page.getByTestId("message-list"))) > 0.8, "light on request");
      await dark.page.reload();
      await new ChatPage(dark.page).waitForMessage("Looks good to me, ship it");
      assert((await lightness(dark.page.getByTestId("message-list"))) > 0.8, "still light after a reload");
      while ((await toggle.getAttribute("data-theme")) !== "system") await toggle.click();
      await waitUntil(async () => (await lightness(dark.page.getByTestId("message-list"))) < 0.3, "back to the system's dark");
      await dark.page.setViewportSize({ width: 390, height: 844 });
      await new ChatPage(dark.page).waitForMessage("Looks good to me, ship it");
      await screenshot(dark.page, "chat-phone-dark");
    } finally {
      await dark.close();
    }
  });

  await runner.test("on a phone, a message's actions show when it is tapped, not all the time", async () => {
    const phone = await signIn(nia, { width: 390, height: 844 }, { hasTouch: true, isMobile: true });
    try {
      await phone.page.goto(roomUrl(room.id));
      const chat = new ChatPage(phone.page);
      const message = await chat.waitForMessage("Looks good to me, ship it");
      const reply = message.getByTestId("message-reply");
      const before = await visibility(reply);
      assert(before === 0, `no action icons before a tap (shown at opacity ${before})`);
      const shown = await phone.page.getByTestId("message-reply").evaluateAll((all) => all.filter((el) => el.getClientRects().length > 0).length);
      assert(shown === 0, `no message shows its actions (${shown} do)`);
      await message.getByTestId("message-content").tap();
      await waitUntil(async () => (await visibility(reply)) > 0.99, "the actions after a tap");
      await screenshot(phone.page, "chat-phone-actions");
      await message.getByTestId("message-reply").tap();
      await phone.page.getByTestId("reply-preview").waitFor();
    } finally {
      await phone.close();
    }
  });

  await runner.test("the chat page has a main landmark, a skip link, and one tab stop per message with arrow keys between them", async () => {
    const n = await signIn(nia);
    try {
      await n.page.goto(roomUrl(room.id));
      const chat = new ChatPage(n.page);
      await chat.waitForMessage("Looks good to me, ship it");
      assert((await n.page.getByRole("main").count()) === 1, "one main landmark");
      await n.page.keyboard.press("Tab");
      const skip = await n.page.evaluate(() => document.activeElement?.textContent ?? "");
      assert(/skip to main content/i.test(skip), `the first Tab lands on a skip link (${skip})`);
      await n.page.keyboard.press("Enter");
      assert(await n.page.evaluate(() => document.activeElement?.closest("main") !== null), "the skip link moves focus into the main content");
      const stops = await tabStops(n.page);
      assert(stops <= 5, `${stops} tab stops among 20 messages`);
      const newest = await chat.waitForMessage("Looks good to me, ship it");
      await newest.focus();
      await n.page.keyboard.press("ArrowUp");
      const focused = await n.page.evaluate(() => document.activeElement?.querySelector('[data-testid="message-content"]')?.textContent);
      assert(focused === "Review note 19", `ArrowUp moves to the message before (${focused})`);
      await screenshot(n.page, "chat-keyboard");
    } finally {
      await n.close();
    }
  });

  await runner.test("a file over 10 MB is refused before uploading, and the message says the limit", async () => {
    const n = await signIn(nia);
    try {
      await n.page.goto(roomUrl(room.id));
      await n.page.getByTestId("composer-input").waitFor();
      let uploads = 0;
      n.page.on("request", (request) => {
        if (request.method() === "POST" && new URL(request.url()).pathname === "/api/attachments") uploads += 1;
      });
      // From a file on disk: a 14 MB buffer through the browser protocol is slow on a busy machine.
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "e2e-big-")), "holiday.mov.png");
      fs.writeFileSync(file, Buffer.alloc(14 * 1024 * 1024));
      await n.page.getByTestId("composer-file").setInputFiles(file);
      const chip = n.page.locator('[data-testid="upload-chip"][data-file-name="holiday.mov.png"]');
      await waitUntil(async () => (await chip.getAttribute("data-status")) === "failed", "the file refused", 20_000);
      const error = await chip.getByTestId("upload-error").innerText();
      assert(error.includes("10 MB"), `the message says the limit: ${error}`);
      assert(uploads === 0, `nothing was uploaded (${uploads} uploads)`);
    } finally {
      await n.close();
    }
  });
}

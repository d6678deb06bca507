import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const config = {
  baseUrl: (process.env.E2E_BASE_URL ?? "http://localhost:3100").replace(/\/$/, ""),
  apiUrl: (process.env.E2E_API_URL ?? process.env.NEXT_PUBLIC_API_URL ?? "http://localhost:8080").replace(/\/$/, ""),
  chromium: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  screenshots: path.resolve(process.env.E2E_SCREENSHOT_DIR ?? new URL("../../docs/screenshots", import.meta.url).pathname),
  artifacts: path.resolve(new URL("./.artifacts", import.meta.url).pathname),
};

const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-quic",
  "--no-first-run",
  "--disable-component-update",
  "--disable-sync",
];

/** One person's browser: Debian's Chromium with a fresh profile directory of its own. */
export async function openBrowser(name, viewport = { width: 1280, height: 800 }, options = {}) {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), `e2e-${name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: config.chromium,
    headless: true,
    viewport,
    args: ARGS,
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  return {
    name,
    page,
    context,
    errors,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

export class Runner {
  constructor() {
    /** E2E_ONLY=regex runs only the tests whose names match (while working on some of them). */
    this.only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, "i") : null;
    this.results = [];
    this.pages = [];
    fs.rmSync(config.artifacts, { recursive: true, force: true });
  }

  watch(...pages) {
    this.pages.push(...pages);
  }

  async test(name, fn) {
    if (this.only && !this.only.test(name)) return;
    const started = Date.now();
    try {
      await fn();
      this.results.push({ name, ok: true });
      console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      this.results.push({ name, ok: false, error });
      console.log(`  ✗ ${name}\n      ${String(error?.message ?? error).split("\n").slice(0, 6).join("\n      ")}`);
      fs.mkdirSync(config.artifacts, { recursive: true });
      const slug = name.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
      for (const p of this.pages) {
        await p.page.screenshot({ path: path.join(config.artifacts, `${slug}-${p.name}.png`) }).catch(() => undefined);
      }
    }
  }

  summary() {
    const passed = this.results.filter((r) => r.ok).length;
    const failed = this.results.length - passed;
    console.log(`${passed} passed, ${failed} failed`);
    return failed;
  }
}

export function assert(condition, message) {
  if (!condition) throw new Error(`Assertion failed: ${message}`);
}

export async function screenshot(page, name) {
  fs.mkdirSync(config.screenshots, { recursive: true });
  await page.screenshot({ path: path.join(config.screenshots, `${name}.png`) });
}

/** Direct API calls, for setting up data a test needs in bulk (never for what the UI is tested on). */
export async function api(method, apiPath, { token, body, form, retries } = {}) {
  const response = await fetch(`${config.apiUrl}${apiPath}`, {
    method,
    headers: {
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    body: form ?? (body ? JSON.stringify(body) : undefined),
  });
  const text = await response.text();
  if (response.status === 429 && (retries ?? 0) < 20) {
    const wait = Number(response.headers.get("retry-after") ?? "1") * 1000 || 1000;
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 5000)));
    return api(method, apiPath, { token, body, form, retries: (retries ?? 0) + 1 });
  }
  if (!response.ok) throw new Error(`${method} ${apiPath} -> ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** People and rooms made through the API for tests that need their own, and signing them in in a browser. */
import zlib from "node:zlib";
import { api, config, openBrowser } from "./harness.mjs";
import { AuthPage } from "./pages/auth-page.mjs";

const PASSWORD = "correct-horse-9";

/** Registers someone new; `token` is a fresh access token for setting up data through the API. */
export async function newPerson(name, run) {
  const username = `${name}_${run}`;
  const person = { username, email: `${username}@example.org`, password: PASSWORD, displayName: name };
  const auth = await api("POST", "/api/auth/register", { body: person });
  return { ...person, id: auth.user.id, token: auth.accessToken };
}

/** Opens a browser of their own and logs in through the login page. */
export async function signIn(person, viewport, options) {
  const browser = await openBrowser(person.username, viewport, options);
  const auth = new AuthPage(browser.page);
  await auth.login(person.username, person.password);
  await browser.page.waitForURL(/\/rooms$/);
  return browser;
}

export async function newGroup(owner, name, members) {
  return api("POST", "/api/rooms", { token: owner.token, body: { type: "GROUP", name, participantIds: members.map((m) => m.id) } });
}

export async function newDirect(owner, other) {
  return api("POST", "/api/rooms", { token: owner.token, body: { type: "DIRECT", participantIds: [other.id] } });
}

let counter = 0;
export async function postAs(person, roomId, content, extra = {}) {
  counter += 1;
  return api("POST", `/api/rooms/${roomId}/messages`, {
    token: person.token,
    body: { content, clientMessageId: `e2e-${Date.now().toString(36)}-${counter}`, ...extra },
  });
}

export async function messagesOf(person, roomId) {
  return (await api("GET", `/api/rooms/${roomId}/messages?limit=200`, { token: person.token })).items;
}

export async function roomSummary(person, roomId) {
  return (await api("GET", "/api/rooms", { token: person.token })).items.find((r) => r.id === roomId);
}

export async function markAllRead(person, roomId) {
  const room = await api("GET", `/api/rooms/${roomId}`, { token: person.token });
  await api("POST", `/api/rooms/${roomId}/read`, { token: person.token, body: { upToSeq: room.lastSeq } });
}

export async function upload(person, fileName, bytes, type = "image/png") {
  const form = new FormData();
  form.append("file", new Blob([bytes], { type }), fileName);
  return api("POST", "/api/attachments", { token: person.token, form });
}

/** A real PNG of `width` x `height` (a colour gradient with some grain, so it does not compress to nothing). */
export function png(width, height) {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  let seed = 7;
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width; x++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = seed % 24;
      const at = y * row + 1 + x * 3;
      raw[at] = (x * 255) / width + grain;
      raw[at + 1] = (y * 255) / height + grain;
      raw[at + 2] = 160 + grain;
    }
  }
  const chunk = (type, data) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export const roomUrl = (roomId) => `${config.baseUrl}/rooms/${roomId}`;

/** How far the conversation is from its bottom, in pixels. */
export function distanceFromBottom(page) {
  return page.getByTestId("message-list").evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
}

/** Whether an element is (at least partly) inside the conversation's viewport. */
export function inViewport(page, locator) {
  return locator.evaluate((el) => {
    const list = document.querySelector('[data-testid="message-list"]').getBoundingClientRect();
    const box = el.getBoundingClientRect();
    return box.bottom > list.top && box.top < list.bottom;
  });
}

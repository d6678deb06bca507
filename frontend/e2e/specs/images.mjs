/** Issue 16, item 4: pictures as small previews in the conversation, full size in an accessible viewer. */
import { assert, screenshot } from "../harness.mjs";
import { newGroup, newPerson, png, postAs, markAllRead, roomUrl, signIn, upload } from "../people.mjs";
import { ChatPage } from "../pages/chat-page.mjs";
import { waitUntil } from "../pages/wait.mjs";

export async function imageSpecs({ runner, run }) {
  const ivy = await newPerson("ivy", run);
  const jon = await newPerson("jon", run);
  const room = await newGroup(jon, `Holiday photos ${run}`, [ivy]);
  const big = png(2000, 1500);
  const photo = await upload(jon, "harbour.png", big);
  await postAs(jon, room.id, "The harbour at dawn", { attachmentIds: [photo.id] });
  await markAllRead(ivy, room.id);

  const i = await signIn(ivy);
  const chat = new ChatPage(i.page);
  runner.watch(i);
  try {
    const asked = [];
    i.page.on("request", (request) => {
      if (request.url().includes("/api/attachments/")) asked.push(new URL(request.url()).pathname);
    });

    await runner.test("the conversation shows a picture's small preview, not the full file", async () => {
      await i.page.goto(roomUrl(room.id));
      const message = await chat.waitForMessage("The harbour at dawn");
      const image = message.getByTestId("attachment-image");
      await image.waitFor();
      await waitUntil(() => image.evaluate((img) => img.complete && img.naturalWidth > 0), "the preview to load");
      const width = await image.evaluate((img) => img.naturalWidth);
      assert(width <= 320, `a preview at most 320 px wide (${width} px; the file is 2000 px, ${Math.round(big.length / 1024)} KB)`);
      assert(asked.includes(`/api/attachments/${photo.id}/thumbnail`), `the thumbnail was asked for (${asked.join(", ")})`);
      assert(!asked.includes(`/api/attachments/${photo.id}/content`), "the full file was not downloaded for the conversation");
    });

    await runner.test("clicking a picture opens it full size in a viewer that the keyboard can use, with a download", async () => {
      const message = await chat.waitForMessage("The harbour at dawn");
      const opener = message.getByTestId("attachment-open");
      await opener.click();
      const viewer = i.page.getByRole("dialog");
      await viewer.waitFor();
      assert((await viewer.getAttribute("data-testid")) === "image-viewer", "the picture viewer is a dialog");
      assert((await viewer.getAttribute("aria-labelledby")) !== null, "the dialog is named");
      const full = viewer.getByTestId("image-viewer-image");
      await waitUntil(() => full.evaluate((img) => img.complete && img.naturalWidth === 2000), "the full picture");
      assert((await full.getAttribute("alt")) === "harbour.png", "the picture has a text alternative");
      assert(await viewer.evaluate((el) => el.contains(document.activeElement)), "focus moved into the viewer");
      await screenshot(i.page, "image-viewer");
      const [download] = await Promise.all([i.page.waitForEvent("download"), viewer.getByTestId("image-viewer-download").click()]);
      assert(download.suggestedFilename() === "harbour.png", `downloaded as ${download.suggestedFilename()}`);
      await i.page.keyboard.press("Escape");
      await viewer.waitFor({ state: "hidden" });
      assert(await opener.evaluate((el) => el === document.activeElement), "focus is back on the picture");
    });
  } finally {
    await i.close();
  }
}

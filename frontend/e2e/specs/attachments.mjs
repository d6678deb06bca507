/** Files in messages: upload with progress, images shown inline, other files as downloads, refusals shown. */
import { assert, screenshot } from "../harness.mjs";
import { waitUntil } from "../pages/wait.mjs";

// A 2x2 PNG and a one-page PDF: real files, so the server's content check accepts them.
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj " +
    "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

function chip(page, name) {
  return page.locator(`[data-testid="upload-chip"][data-file-name="${name}"]`);
}

async function attach(page, files) {
  await page.getByTestId("composer-file").setInputFiles(files);
}

export async function attachmentSpecs({ runner, a, b, A, B, run }) {
  await runner.test("Alice sends a picture and a PDF; Bob sees the picture and downloads the PDF", async () => {
    const text = `Photos and the plan ${run}`;
    await attach(a.page, [
      { name: "cat.png", mimeType: "image/png", buffer: PNG },
      { name: "plan.pdf", mimeType: "application/pdf", buffer: PDF },
    ]);
    for (const name of ["cat.png", "plan.pdf"]) {
      await waitUntil(async () => (await chip(a.page, name).getAttribute("data-status")) === "done", `${name} uploaded`);
    }
    const preview = chip(a.page, "cat.png").getByTestId("upload-preview");
    await waitUntil(() => preview.evaluate((img) => img.complete && img.naturalWidth === 2), "the picture previewed before sending");
    assert((await chip(a.page, "plan.pdf").getByTestId("upload-preview").count()) === 0, "no preview for a PDF");
    await A.chat.sendAndConfirm(text);
    assert((await a.page.getByTestId("upload-chip").count()) === 0, "the composer is empty after sending");
    const message = await B.chat.waitForMessage(text);
    const image = message.getByTestId("attachment-image");
    await image.waitFor();
    await waitUntil(() => image.evaluate((img) => img.complete && img.naturalWidth === 2), "the picture to load from its blob URL");
    assert((await image.getAttribute("src")).startsWith("blob:"), "the picture comes from a blob URL");
    const [download] = await Promise.all([b.page.waitForEvent("download"), message.getByTestId("attachment-download").click()]);
    assert(download.suggestedFilename() === "plan.pdf", `downloaded as ${download.suggestedFilename()}`);
    await screenshot(b.page, "attachments");
  });

  await runner.test("a file that is not an allowed type, or too large, is refused with the server's reason", async () => {
    await attach(a.page, [{ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("just text") }]);
    const refused = chip(a.page, "notes.txt");
    await waitUntil(async () => (await refused.getAttribute("data-status")) === "failed", "the text file refused");
    assert((await refused.getByTestId("upload-error").innerText()).includes("Only images"), "the reason is shown");
    const big = Buffer.concat([PNG, Buffer.alloc(11 * 1024 * 1024)]);
    await attach(a.page, [{ name: "huge.png", mimeType: "image/png", buffer: big }]);
    const huge = chip(a.page, "huge.png");
    await waitUntil(async () => (await huge.getAttribute("data-status")) === "failed", "the large file refused", 30_000);
    assert((await huge.getByTestId("upload-error").innerText()).includes("too large"), "says it is too large");
    await refused.getByTestId("upload-remove").click();
    await huge.getByTestId("upload-remove").click();
    assert(await a.page.getByTestId("composer-send").isDisabled(), "nothing to send");
  });
}

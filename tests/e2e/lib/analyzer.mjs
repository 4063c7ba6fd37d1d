// Reading the analyzer page through its stable test hooks (issue 4):
//   [data-testid=transcript-input]  the paste area
//   [data-finding-id] + data-severity  each finding
//   [data-testid=verdict]          the verdict (data-grade, aria-busy while stale)
//   [data-testid=flow-diagram]     the diagram's <svg>
//   [data-line]                    each transcript line

import { paste } from "./browser.mjs";

export const INPUT = "[data-testid=transcript-input]";

export const SEVERITY_RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/**
 * An init script (run before the page's own) that counts the page's calls of
 * navigator.clipboard.readText() in `window.__readText`: which way a paste
 * was read (see src/app/components/input.rs).
 */
export const COUNT_READ_TEXT = () => {
  const read = Clipboard.prototype.readText;
  window.__readText = 0;
  Clipboard.prototype.readText = function () {
    window.__readText += 1;
    return read.call(this);
  };
};

/** The page has finished loading the app (the paste area is there). */
export async function waitForApp(page) {
  await page.waitForSelector(INPUT, { state: "visible", timeout: 30_000 });
}

/**
 * Pastes `text` and waits until the page shows the analysis of it: a verdict
 * that is not stale and, when `findings` (ids) are given, exactly those
 * findings. The wait is a guard against hanging, not a speed assertion.
 */
export async function pasteAndWait(page, text, { findings = null, timeout = 20_000 } = {}) {
  await paste(page, INPUT, text);
  await page.waitForFunction(
    (want) => {
      const v = document.querySelector("[data-testid=verdict]");
      if (!v || v.getAttribute("aria-busy") === "true") return false;
      // Panels out of view are drawn after the frame that shows the
      // verdict, marked aria-busy until then (src/app/components/later.rs).
      if (document.querySelector("[aria-busy=true]")) return false;
      if (!want) return document.querySelectorAll("[data-finding-id]").length > 0;
      const ids = [...document.querySelectorAll("[data-finding-id]")].map((e) => e.dataset.findingId).sort();
      return JSON.stringify(ids) === JSON.stringify([...want].sort());
    },
    findings,
    { timeout, polling: "raf" },
  ).catch(() => {
    // Fall through: the caller's assertions say what the page shows instead.
  });
}

/** What the page shows, read in one go. */
export async function readAnalysis(page) {
  return page.evaluate(() => {
    const text = (el) => (el?.textContent ?? "").replace(/\s+/g, " ").trim();
    const verdict = document.querySelector("[data-testid=verdict]");
    const diagram = document.querySelector("[data-testid=flow-diagram]");
    const box = diagram?.getBoundingClientRect();
    return {
      findings: [...document.querySelectorAll("[data-finding-id]")].map((e) => ({
        id: e.dataset.findingId,
        severity: e.dataset.severity,
        text: text(e),
      })),
      verdict: verdict && { grade: verdict.dataset.grade ?? null, busy: verdict.getAttribute("aria-busy"), text: text(verdict) },
      diagram: diagram && {
        tag: diagram.tagName.toLowerCase(),
        namespace: diagram.namespaceURI,
        width: box.width,
        height: box.height,
        text: text(diagram),
        elements: diagram.querySelectorAll("*").length,
      },
      // Transcript lines; the diagram's arrows may carry data-line too (to
      // select the line), so its descendants are not transcript lines.
      lines: [...document.querySelectorAll("[data-line]")]
        .filter((e) => !e.closest("[data-testid=flow-diagram]")).map((e) => ({ n: Number(e.dataset.line), text: e.textContent ?? "" })),
      bodyText: document.body.innerText,
    };
  });
}

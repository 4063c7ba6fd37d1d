// The example page's own script (a file: the page's CSP allows no inline
// script). Not needed to use SMTP Lens; it shows two optional things.
import { enhance } from "../../embed/smtp-lens.js";

// 1. Blocks that cannot carry data-smtp-lens (Markdown fences), by selector.
enhance("pre:has(> code.language-smtp)", { view: "transcript+findings" });

// 2. Iframes: each SMTP Lens frame posts its height; size the frame to it.
addEventListener("message", (event) => {
  const data = event.data;
  if (!data || data.type !== "smtp-lens:height") return;
  for (const frame of document.querySelectorAll("iframe.smtp-lens-frame")) {
    if (frame.contentWindow === event.source) {
      frame.style.height = `${Math.ceil(data.height)}px`;
    }
  }
});

// For tests: ?hostile adds a stylesheet that tries to break embedded views.
if (new URLSearchParams(location.search).has("hostile")) {
  const link = document.createElement("link");
  link.rel = "stylesheet";
  link.href = "hostile.css";
  document.head.append(link);
}

// CPU profile of pastes: self and total time by function, in the paste task.
import { INPUT, waitForApp } from "./lib/analyzer.mjs";
import { paste, startSite } from "./lib/browser.mjs";
import { fixture } from "./lib/repo.mjs";
const site = await startSite({ mounts: { "/": process.env.DIST }, gzip: true });
const [W, H] = (process.env.VIEWPORT ?? "1280x900").split("x").map(Number);
const tab = await site.open("/", { viewport: { width: W, height: H } });
await waitForApp(tab.page);
const fx = [fixture("openssl/postfix-587-starttls-typed"), fixture("phpmailer/aiosmtpd-starttls-587-debug4")];
await paste(tab.page, INPUT, fx[1].text);
await tab.page.waitForTimeout(500);
const cdp = await tab.page.context().newCDPSession(tab.page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
const self = new Map(), total = new Map();
const N = Number(process.env.N ?? 10);
for (let i = 0; i < N; i++) {
  await cdp.send("Profiler.start");
  await paste(tab.page, INPUT, fx[i % 2].text);
  await tab.page.waitForTimeout(300);
  const { profile } = await cdp.send("Profiler.stop");
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const dt = profile.timeDeltas;
  profile.samples.forEach((id, k) => {
    const d = (dt[k + 1] ?? 0) / 1000;
    const n = byId.get(id);
    const name = (x) => `${x.callFrame.functionName || "(anon)"} ${x.callFrame.url.split("/").pop()}`;
    self.set(name(n), (self.get(name(n)) ?? 0) + d);
    const seen = new Set();
    for (let p = id; p != null; p = parent.get(p)) {
      const nm = name(byId.get(p));
      if (!seen.has(nm)) { seen.add(nm); total.set(nm, (total.get(nm) ?? 0) + d); }
    }
  });
}
const top = (m) => [...m].filter(([k]) => !/^\((idle|program|root)\)/.test(k)).sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 40));
console.log("SELF (ms per paste)"); for (const [k, v] of top(self)) console.log((v / N).toFixed(2).padStart(7), k);
console.log("TOTAL (ms per paste)"); for (const [k, v] of top(total)) console.log((v / N).toFixed(2).padStart(7), k);
await tab.close(); await site.close();

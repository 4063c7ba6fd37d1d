// Echoes what is pasted, counting paste events, and fetches a file of its own origin.
const box = document.getElementById("box");
const out = document.getElementById("out");
let pastes = 0;
box.addEventListener("paste", () => { pastes += 1; });
box.addEventListener("input", () => { out.textContent = `${pastes} paste(s): ${box.value}`; });
fetch("clean.html").then((r) => r.text());

// What an HTML injection would do under the page's CSP: an inline script
// and an inline style attribute, both refused.
const s = document.createElement("script");
s.textContent = "window.__pwned = 'inline';";
document.body.append(s);
document.getElementById("ready").setAttribute("style", "color: red");

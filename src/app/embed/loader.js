// For sites that can only add classic scripts (mdBook's additional-js):
// loads smtp-lens.js, next to this file, as a module. Same behaviour: every
// <pre data-smtp-lens> is enhanced.
(function () {
  var here = document.currentScript && document.currentScript.src;
  if (here) import(new URL("smtp-lens.js", here).href);
})();

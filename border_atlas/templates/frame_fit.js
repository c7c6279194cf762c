// Shown inside the app's frame (same origin), on a narrow screen: make the frame as tall as this page, so
// that nothing scrolls inside a fixed-height frame (the stacked layout is taller than the frame the app
// gives it). Wide, the page fills the frame as laid out; opened on its own, there is no frame.
(function () {
  var frame = null;
  try { frame = window.frameElement; } catch (e) { frame = null; }
  if (!frame) { return; }
  var stacked = window.matchMedia("(max-width: 760px)");
  function fit() {
    if (!stacked.matches) { frame.style.height = ""; return; }
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (Math.abs(frame.getBoundingClientRect().height - height) > 1) { frame.style.height = height + "px"; }
  }
  if (window.ResizeObserver) { new ResizeObserver(fit).observe(document.body); }
  window.addEventListener("resize", fit);
  window.addEventListener("load", fit);
  fit();
})();

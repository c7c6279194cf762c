// The time player: runs as the body of function (group, data, map) each time the data layers arrive.
// `group` holds the places it shows and hides; `data` is the payload border_atlas/mapview/playback_layer.py
// builds: per place (by id, or by index in the compact layer) the runs of frames [a, b) in which it is
// drawn, and per chip of a detailed marker the same. Texts are set as text, never as HTML.
"use strict";
var PLAYER_CSS = ".ba-player{background:rgba(255,255,255,.94);border-radius:5px;box-shadow:0 1px 4px rgba(0,0,0,.3);" +
  "padding:5px 8px 6px;font:12px/1.3 system-ui,sans-serif;color:#1b1f24;width:300px;max-width:calc(100vw - 130px);" +
  "box-sizing:border-box}" +
  ".ba-player .stamp{font-weight:700;font-size:16px;line-height:20px}" +
  ".ba-player .how{color:#555;font-size:11px}" +
  ".ba-player .row{display:flex;align-items:center;gap:4px;margin-top:3px}" +
  ".ba-player button{font:13px/1 system-ui,sans-serif;min-width:26px;height:24px;border:1px solid #b8bec7;" +
  "border-radius:3px;background:#fff;cursor:pointer;padding:0 5px}" +
  ".ba-player select{font:11px system-ui,sans-serif;height:24px}" +
  ".ba-player .track{position:relative;flex:1;min-width:60px}" +
  ".ba-player input[type=range]{width:100%;margin:0}" +
  ".ba-player .tick{position:absolute;top:-3px;width:0;height:7px;border-left:1px solid #8a8f96;pointer-events:none}" +
  ".ba-player .tick.era{height:11px;top:-5px;border-left:2px solid #8b1e3f}" +
  ".ba-player .ticks{position:relative;height:0;margin:0 7px}" +
  ".ba-player.export{width:auto}.ba-player.export .row{display:none}";
if (!document.getElementById("ba-player-style")) {
  var style = document.createElement("style");
  style.id = "ba-player-style";
  style.textContent = PLAYER_CSS;
  document.head.appendChild(style);
}
var count = data.frames.length, container = map.getContainer();
function drawnIn(runs, f) {
  for (var r = 0; r < runs.length; r += 2) { if (f >= runs[r] && f < runs[r + 1]) return true; }
  return false;
}

// What is shown and hidden: detailed markers (found by their place class), or the compact layer's points.
var wanted = {}, items = new Array(data.places.length), shown = new Array(data.places.length);
data.places.forEach(function (id, k) { wanted["ba-" + id] = k; });
if (data.mode === "detailed") {
  group.eachLayer(function (layer) {
    var icon = layer.options && layer.options.icon, cls = icon && icon.options.className;
    if (!cls) return;
    cls.split(" ").forEach(function (token) { if (token in wanted) items[wanted[token]] = layer; });
  });
}
for (var k = 0; k < items.length; k++) shown[k] = true;

function showDetailed(f) {
  for (var k = 0; k < items.length; k++) {
    var on = drawnIn(data.runs[k], f), marker = items[k];
    if (marker && on !== shown[k]) { if (on) group.addLayer(marker); else group.removeLayer(marker); }
    shown[k] = on;
    container.querySelectorAll("path.ba-outline-" + CSS.escape(data.places[k])).forEach(function (path) {
      path.style.display = on ? "" : "none";
    });
    var element = marker && on && marker.getElement(), chips = data.chips[k] || [];
    if (!element) continue;
    var rows = element.querySelectorAll(".ba-chip[data-chip]");
    for (var j = 0; j < rows.length; j++) {
      var runs = chips[Number(rows[j].getAttribute("data-chip"))];
      rows[j].style.display = !runs || drawnIn(runs, f) ? "" : "none";
    }
    var more = element.querySelector(".ba-more"), hidden = 0;  // "+2 more": the chips past the label's, this frame
    for (j = rows.length; j < chips.length; j++) { if (drawnIn(chips[j], f)) hidden += 1; }
    if (more) { more.style.display = hidden ? "" : "none"; more.firstChild.textContent = "+" + hidden + " more"; }
  }
  map.fire("ba:layout");
}

function showCompact(f) {
  var compact = group.baCompact, add = [], remove = [];
  if (!compact) return;
  for (var k = 0; k < data.places.length; k++) {
    var on = drawnIn(data.runs[k], f);
    if (on !== shown[k]) (on ? add : remove).push(compact.markers[data.places[k]]);
    shown[k] = on;
  }
  if (remove.length) compact.cluster.removeLayers(remove);
  if (add.length) compact.cluster.addLayers(add);
  compact.update();
}

var frame = -1, timer = null, control = L.control({position: "topright"}), parts = {};
function show(f) {
  frame = Math.max(0, Math.min(count - 1, f));
  if (data.mode === "detailed") showDetailed(frame); else showCompact(frame);
  parts.stamp.textContent = data.frames[frame];
  parts.slider.value = String(frame);
  container.dataset.baFrame = String(frame);
  container.dataset.baFrameLabel = data.frames[frame];
}
function stop() {
  if (timer) { clearInterval(timer); timer = null; }
  parts.play.innerHTML = ICONS.play; parts.play.title = "Play"; parts.play.setAttribute("aria-label", "Play");
}
function play() {
  if (frame >= count - 1) show(0);
  parts.play.innerHTML = ICONS.pause; parts.play.title = "Pause"; parts.play.setAttribute("aria-label", "Pause");
  timer = setInterval(function () {
    if (frame >= count - 1) { stop(); return; }
    show(frame + 1);
  }, 1000 / Number(parts.speed.value));
}

// Icons as SVG: the glyphs for pause and step are missing from many fonts. Constant markup, no data in it.
var ICONS = {
  back: '<svg width="12" height="12" viewBox="0 0 12 12"><path d="M2 2v8M10 2 4 6l6 4z" stroke="currentColor" fill="currentColor"/></svg>',
  forward: '<svg width="12" height="12" viewBox="0 0 12 12"><path d="M10 2v8M2 2l6 4-6 4z" stroke="currentColor" fill="currentColor"/></svg>',
  play: '<svg width="12" height="12" viewBox="0 0 12 12"><path d="M3 1.5v9l7.5-4.5z" fill="currentColor"/></svg>',
  pause: '<svg width="12" height="12" viewBox="0 0 12 12"><path d="M3 2h2v8H3zM7 2h2v8H7z" fill="currentColor"/></svg>'
};
function button(icon, title, onClick) {
  var b = L.DomUtil.create("button", "", parts.row);
  b.type = "button"; b.innerHTML = ICONS[icon]; b.title = title; b.setAttribute("aria-label", title);
  b.addEventListener("click", onClick);
  return b;
}
function build(div) {
  parts.stamp = L.DomUtil.create("div", "stamp", div);
  L.DomUtil.create("div", "how", div).textContent = data.how;
  parts.row = L.DomUtil.create("div", "row", div);
  button("back", "Step back", function () { stop(); show(frame - 1); });
  parts.play = button("play", "Play", function () { if (timer) stop(); else play(); });
  button("forward", "Step forward", function () { stop(); show(frame + 1); });
  parts.speed = L.DomUtil.create("select", "", parts.row);
  parts.speed.title = "Frames a second";
  [0.5, 1, 2, 4, 8].forEach(function (v) {
    var o = document.createElement("option");
    o.value = String(v); o.textContent = v + "/s"; o.selected = v === 2;
    parts.speed.appendChild(o);
  });
  parts.speed.addEventListener("change", function () { if (timer) { stop(); play(); } });
  var track = L.DomUtil.create("div", "track", L.DomUtil.create("div", "row", div));
  parts.slider = L.DomUtil.create("input", "", track);
  parts.slider.type = "range"; parts.slider.min = "0"; parts.slider.max = String(count - 1);
  parts.slider.setAttribute("aria-label", "Window");
  parts.slider.addEventListener("input", function () { stop(); show(Number(parts.slider.value)); });
  var ticks = L.DomUtil.create("div", "ticks", track);
  data.ticks.forEach(function (t) {
    var mark = L.DomUtil.create("div", "tick " + t.kind, ticks);
    mark.style.left = (100 * t.at / Math.max(1, count - 1)) + "%";
    mark.title = t.label;
  });
}

if (map._baPlayer) map.removeControl(map._baPlayer);  // the previous data layers' player
if (map._baPlayerStop) map._baPlayerStop();
control.onAdd = function () {
  var div = L.DomUtil.create("div", "ba-player" + (data.controls ? "" : " export"));
  L.DomEvent.disableClickPropagation(div);
  L.DomEvent.disableScrollPropagation(div);
  build(div);
  return div;
};
control.addTo(map);
map._baPlayer = control;
map._baPlayerStop = stop;
window.baPlayback = {count: count, show: show, frame: function () { return frame; }};
function start() {
  var compact = group.baCompact;
  if (data.mode !== "detailed" && !(compact && compact.ready)) { setTimeout(start, 50); return; }
  // Each frame adds and removes at once: a chunked add still under way would keep points a frame hid.
  if (compact) compact.cluster.options.chunkedLoading = false;
  setTimeout(function () { show(frame < 0 ? data.at : frame); }, 0);
}
if (group._map) start(); else group.once("add", start);

// The compact map's one layer: a point per place on a canvas, clustered at low zoom, the
// busiest places labelled where there is room. Runs as the body of function (group, data):
// `group` is the layer's Leaflet FeatureGroup, `data` the payload border_atlas/mapview/compact.py
// builds (names already escaped as HTML; numbers only otherwise).
"use strict";
var MAX_LABELS = 30;
var PENDING = "#c77700";  // border_atlas.views.colours.PENDING_COLOUR
var CSS = ".ba-clabel{white-space:nowrap;font:600 11.5px/14px system-ui,sans-serif;color:#1b1f24;" +
  "background:rgba(255,255,255,.9);border:1px solid #c9ced6;border-radius:3px;padding:1px 4px;" +
  "pointer-events:none;width:auto!important;height:auto!important}" +
  ".ba-cluster div{width:100%;height:100%;border-radius:50%;background:rgba(38,50,56,.82);color:#fff;" +
  "display:flex;align-items:center;justify-content:center;font:600 11px/1 system-ui,sans-serif;" +
  "box-shadow:0 0 0 4px rgba(38,50,56,.22)}";

if (!document.getElementById("ba-compact-style")) {
  var style = document.createElement("style");
  style.id = "ba-compact-style";
  style.textContent = CSS;
  document.head.appendChild(style);
}
// A click on a cluster only zooms in: it must not read as a click on a place (the app would
// rerun for nothing), so a cluster has no GeoJSON feature to report.
L.MarkerCluster.prototype.toGeoJSON = undefined;

function records(n) {  // as border_atlas.text.wording.count_label
  return n.toLocaleString("en") + (n === 1 ? " record" : " records");
}

function abbreviated(n) {
  return n >= 10000 ? Math.round(n / 1000) + "k" : n >= 1000 ? (n / 1000).toFixed(1) + "k" : String(n);
}

function radius(n) {
  return n ? Math.min(16, 4 + 2 * Math.log2(n)) : 3;
}

function clusterIcon(cluster) {
  var children = cluster.getAllChildMarkers(), total = 0;
  for (var k = 0; k < children.length; k++) total += data.n[children[k].baIndex];
  var size = Math.round(28 + Math.min(24, 5 * Math.log10(total + 1)));
  var title = children.length.toLocaleString("en") + " places, " + records(total);
  return L.divIcon({
    html: '<div title="' + title + '">' + abbreviated(total) + "</div>",
    className: "ba-cluster", iconSize: L.point(size, size)
  });
}

var renderer = L.canvas({padding: 0.5});
// A radius as wide as the largest disc with its halo (52 + 8 px), so that neighbouring groups seldom overlap.
var cluster = L.markerClusterGroup({
  chunkedLoading: true, showCoverageOnHover: false, maxClusterRadius: 60, spiderfyOnMaxZoom: true,
  iconCreateFunction: clusterIcon, chunkProgress: function (done, total) { if (done === total) drawn(); }
});
// Clustering needs the map's deepest zoom, which a map with no tile layer does not know.
var addCluster = cluster.onAdd;
cluster.onAdd = function (map) {
  if (!isFinite(map.getMaxZoom())) map.options.maxZoom = data.max_zoom;
  return addCluster.call(this, map);
};
var labels = L.layerGroup();
var markers = new Array(data.n.length);
var pending = {};  // places with records awaiting review: a dashed amber ring, as on the detailed map
(data.p || []).forEach(function (k) { pending[k] = true; });
for (var k = 0; k < data.n.length; k++) {
  var n = data.n[k];
  var marker = L.circleMarker([data.lat[k] / data.scale, data.lon[k] / data.scale], {
    renderer: renderer, radius: radius(n), color: pending[k] ? PENDING : n ? "#ffffff" : "#8a8a8a",
    weight: pending[k] ? 2.5 : n ? 1 : 1.5, dashArray: pending[k] ? "3 2" : null,
    fillColor: n ? data.colours[data.c[k]] : "#ffffff", fillOpacity: n ? 0.9 : 1
  });
  // What the app receives when the place is clicked (streamlit-folium's last_active_drawing).
  marker.feature = {type: "Feature", properties: {place: data.i[k], dataset: data.dataset}};
  marker.baIndex = k;
  markers[k] = marker;
}

cluster.on("mouseover", function (e) {
  var m = e.layer;
  if (!m || m.baIndex === undefined) return;
  if (!m.getTooltip()) {
    m.bindTooltip("<b>" + data.name[m.baIndex] + "</b> — " + records(data.n[m.baIndex]) +
                  (pending[m.baIndex] ? " (some pending review)" : ""), {direction: "top"});
  }
  m.openTooltip();
});

// Outside streamlit-folium (which hears clicks itself), a document may list a clicked place's records: the
// era comparison passes the place on to the app (templates/comparison_clicks.js).
cluster.on("click", function (e) {
  var m = e.layer;
  if (m && m.feature && typeof window.baOnPlaceClick === "function") window.baOnPlaceClick(group._map, m.feature.properties);
});

function overlaps(a, b) {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

var measure = document.createElement("canvas").getContext("2d");
measure.font = "600 11.5px system-ui, sans-serif";
function labelWidth(k) {  // the label's text is escaped HTML: measure what it shows
  var probe = document.createElement("span");
  probe.innerHTML = data.name[k];
  return Math.ceil(measure.measureText(probe.textContent).width) + 12;  // padding and border
}

function controlBoxes(map) {  // the controls' and groups' boxes in the map's pixels: labels keep clear of them
  var origin = map.getContainer().getBoundingClientRect(), boxes = [];
  map.getContainer().querySelectorAll(".leaflet-control, .ba-cluster").forEach(function (control) {
    var r = control.getBoundingClientRect();
    if (r.width && r.height) boxes.push([r.left - origin.left - 4, r.top - origin.top - 4,
                                         r.right - origin.left + 4, r.bottom - origin.top + 4]);
  });
  return boxes;
}

function updateLabels() {
  var map = group._map;
  labels.clearLayers();
  if (!map) return;
  var size = map.getSize(), taken = controlBoxes(map), shown = 0;
  for (var k = 0; k < markers.length && shown < MAX_LABELS && data.n[k] > 0; k++) {
    var m = markers[k];
    if (!map.hasLayer(m)) continue;  // inside a cluster
    var p = map.latLngToContainerPoint(m.getLatLng());
    var box = [p.x + 8, p.y - 10, p.x + 8 + labelWidth(k), p.y + 10];
    if (box[0] < 0 || box[1] < 0 || box[2] > size.x || box[3] > size.y) continue;
    if (taken.some(function (other) { return overlaps(box, other); })) continue;
    taken.push(box);
    shown += 1;
    labels.addLayer(L.marker(m.getLatLng(), {
      icon: L.divIcon({className: "ba-clabel", html: data.name[k], iconSize: null, iconAnchor: [-8, 9]}),
      interactive: false, keyboard: false
    }));
  }
}

function drawn() {
  updateLabels();
  if (group.baCompact) group.baCompact.ready = true;
  var map = group._map;
  if (map) {  // for tests and benchmarks: how many compact layers have finished drawing
    var box = map.getContainer();
    box.dataset.baCompactDraws = String(Number(box.dataset.baCompactDraws || 0) + 1);
    box.dataset.baCompactPlaces = String(markers.length);
  }
}

var attached = null;
function onAdd() {
  attached = group._map;
  attached.on("moveend", updateLabels);
  if (!markers.length) drawn();
}

cluster.on("animationend", updateLabels);
group.on("add", onAdd);
group.on("remove", function () { if (attached) attached.off("moveend", updateLabels); attached = null; });
if (group._map) onAdd();
// For the time player (playback.js), which shows and hides points by their index.
group.baCompact = {cluster: cluster, markers: markers, update: updateLabels};
cluster.addLayers(markers);
cluster.addTo(group);
labels.addTo(group);

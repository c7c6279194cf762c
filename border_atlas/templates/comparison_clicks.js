// Inside the app, a click on a place of either compact map lists that era's records at the place under the
// maps: the page's click receiver, a frame beside this one in the same origin (border_atlas/ui/document_clicks.py),
// hands it to the app. Opened on its own (an export), there is no receiver and a click does nothing more.
(function (maps) {
  window.baOnPlaceClick = function (map, properties) {
    var era = maps.indexOf(map);
    if (era < 0 || window.parent === window || !properties) { return; }
    var frames = window.parent.frames;
    for (var k = 0; k < frames.length; k++) {
      try {
        if (frames[k] !== window && typeof frames[k].baPlaceClicked === "function") {
          frames[k].baPlaceClicked({era: era, place: properties.place, dataset: properties.dataset});
          return;
        }
      } catch (e) { /* a frame of another origin: not ours */ }
    }
  };
})([{{ left_id }}, {{ right_id }}]);

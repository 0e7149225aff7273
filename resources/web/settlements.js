/*
 * The map page's Settlements layer: the gazetteer's places as small dots on a
 * canvas (thousands stay smooth), more of them the closer the zoom, a place
 * held by the occupying side filled dark. Names are placed greedily, the
 * biggest place first, never over another label or a dot. Like the rest of
 * the page it computes nothing: which places are held comes from Python, and
 * every name reaches the DOM through textContent.
 *
 * atlas.js makes one with AtlasSettlements.create(...) and calls place(boxes)
 * once its own labels have settled, with the boxes they take.
 */
(function () {
  "use strict";

  // The smallest population shown from each zoom on (none below the first). A
  // view of the front then holds a few hundred dots at most; names go where they fit.
  var MIN_POPULATION_BY_ZOOM = [[7, 20000], [8, 5000], [9, 1000], [10, 0]];
  // Below the zoom that shows every place, a dot this near (centre to centre) a
  // bigger place's, or a city's, is left out: a town's suburbs would ring it.
  var DOT_SPACING_PX = 10;
  var LABEL_GAP_PX = 3; // between a dot and its name
  var LABEL_MARGIN_PX = 1; // kept clear around a name, for its halo
  var HOVER_PX = 5; // how near the pointer must come to a dot's edge for its tooltip
  var VIEW_MARGIN_PX = 40; // dots this far outside the view still keep names off them
  var FOCUS_MATCH_DEG = 0.002; // a fly-to target this close to a place is that place
  var FOCUS_RING_PX = 16; // the ring atlas.js draws round a fly-to target, and its stroke
  var GRID_PX = 64;

  function minPopulation(zoom) {
    var min = Infinity;
    MIN_POPULATION_BY_ZOOM.forEach(function (step) { if (zoom >= step[0]) { min = step[1]; } });
    return min;
  }

  function dotRadius(population) {
    return population >= 20000 ? 3.5 : population >= 5000 ? 3 : 2.5;
  }

  function overlaps(a, b) {
    return a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  }

  /* Boxes in container pixels, indexed by a coarse grid so a test looks at a few. */
  function BoxGrid() { this.cells = {}; }
  BoxGrid.prototype.each = function (box, visit) {
    for (var cx = Math.floor(box.left / GRID_PX); cx <= Math.floor(box.right / GRID_PX); cx++) {
      for (var cy = Math.floor(box.top / GRID_PX); cy <= Math.floor(box.bottom / GRID_PX); cy++) {
        if (visit(cx + ":" + cy)) { return true; }
      }
    }
    return false;
  };
  BoxGrid.prototype.add = function (box) {
    var cells = this.cells;
    this.each(box, function (key) { (cells[key] = cells[key] || []).push(box); return false; });
  };
  BoxGrid.prototype.hits = function (box, except) {
    var cells = this.cells;
    return this.each(box, function (key) {
      return (cells[key] || []).some(function (other) { return other !== except && overlaps(box, other); });
    });
  };

  /*
   * map: the Leaflet map; points: the page data's "settlements" (parallel lists,
   * geodata.map_layers.settlement_points); palette: colours by role; panes:
   * {dots, labels} pane names; el(tag, className, text): a text-only element.
   */
  function create(map, points, palette, panes, el) {
    var count = points.lon.length;
    var order = [];
    for (var i = 0; i < count; i++) { order.push(i); }
    order.sort(function (a, b) { return points.population[b] - points.population[a] || a - b; });
    var cities = order.filter(function (index) { return points.city[index]; });

    var renderer = L.canvas({ pane: panes.dots, padding: 0.2 });
    var dots = L.layerGroup();
    var labels = L.layerGroup();
    var layer = L.layerGroup([dots, labels]);
    var markers = [];
    var held = new Uint8Array(count);
    var heldKnown = false;
    var heldDate = null;
    var shown = []; // indices with a dot, biggest first (a fly-to target before all)
    var shownKey = null;
    var targets = []; // dots in the view, {index, x, y, r} in container pixels: hover targets
    var labelled = {};
    var focus = null; // {lat, lon, index, name}: the last fly-to target
    var measure = null;
    var widths = {};
    var tooltip = L.tooltip({ direction: "auto", offset: [0, 0], className: "atlas-place-tooltip", opacity: 1 });
    var tooltipIndex = -1;

    function style(index) {
      var isHeld = held[index] === 1;
      return {
        radius: dotRadius(points.population[index]),
        weight: isHeld ? 1 : 1.2,
        color: isHeld ? palette.held_place_edge : palette.city,
        opacity: 1,
        fillColor: isHeld ? palette.held_place : palette.city_fill,
        fillOpacity: 1
      };
    }

    function marker(index) {
      if (!markers[index]) {
        var options = style(index);
        options.renderer = renderer;
        options.interactive = false;
        markers[index] = L.circleMarker([points.lat[index], points.lon[index]], options);
      }
      return markers[index];
    }

    function updateDots(zoom) {
      var min = minPopulation(zoom);
      var focusIndex = focus && focus.index >= 0 && !points.city[focus.index] ? focus.index : -1;
      var key = zoom + "/" + focusIndex;
      if (key === shownKey) { return; }
      shownKey = key;
      var spaced = min > 0 ? new BoxGrid() : null;
      var half = DOT_SPACING_PX / 2;
      function roomFor(index) {
        if (!spaced) { return true; }
        var p = map.project([points.lat[index], points.lon[index]], zoom);
        var box = { left: p.x - half, top: p.y - half, right: p.x + half, bottom: p.y + half };
        if (spaced.hits(box, null)) { return false; }
        spaced.add(box);
        return true;
      }
      // The cities first: their dots are drawn by the Cities layer.
      cities.forEach(roomFor);
      var next = [];
      if (focusIndex >= 0) { roomFor(focusIndex); next.push(focusIndex); } // shown, room or not
      for (var k = 0; k < order.length && points.population[order[k]] >= min; k++) {
        var index = order[k];
        if (!points.city[index] && index !== focusIndex && roomFor(index)) { next.push(index); }
      }
      var keep = {};
      next.forEach(function (index) { keep[index] = true; });
      shown.forEach(function (index) { if (!keep[index]) { dots.removeLayer(markers[index]); } });
      next.forEach(function (index) { dots.addLayer(marker(index)); }); // no-op when already there
      shown = next;
    }

    /* The label font's metrics, read once from a hidden label styled as the real ones. */
    function metrics() {
      if (measure) { return measure; }
      var probe = el("div", "atlas-label atlas-place-label");
      probe.style.position = "absolute";
      probe.style.visibility = "hidden";
      var span = el("span", null, "Mg");
      span.style.transform = "none";
      probe.appendChild(span);
      map.getPane(panes.labels).appendChild(probe);
      var css = getComputedStyle(span);
      var height = span.getBoundingClientRect().height;
      var context = document.createElement("canvas").getContext("2d");
      context.font = [css.fontStyle, css.fontWeight, css.fontSize, css.fontFamily].join(" ");
      probe.remove();
      if (!height) { return { context: context, height: 14 }; } // not laid out yet: ask again
      measure = { context: context, height: height };
      return measure;
    }

    function textWidth(text) {
      if (widths[text] === undefined) { widths[text] = Math.ceil(metrics().context.measureText(text).width); }
      return widths[text];
    }

    function addLabel(latlng, text, dx, dy, isHeld, index) {
      var className = "atlas-label atlas-place-label" + (isHeld ? " atlas-held" : "");
      var icon = L.divIcon({ className: className, html: "", iconSize: null });
      var label = L.marker(latlng, { icon: icon, pane: panes.labels, interactive: false, keyboard: false });
      label.on("add", function () {
        var span = el("span", null, text);
        span.style.transform = "translate(" + dx + "px, " + dy + "px)";
        label.getElement().replaceChildren(span);
      });
      labels.addLayer(label);
      if (index >= 0) { labelled[index] = text; }
    }

    /* The first of four spots round a point (right, left, above, below) where a name fits. */
    function fit(grid, x, y, r, text, except) {
      var w = textWidth(text);
      var h = metrics().height;
      var spots = [
        [r + LABEL_GAP_PX, -h / 2], [-r - LABEL_GAP_PX - w, -h / 2],
        [-w / 2, -r - 1 - h], [-w / 2, r + 1]
      ];
      for (var s = 0; s < spots.length; s++) {
        var dx = Math.round(spots[s][0]);
        var dy = Math.round(spots[s][1]);
        var box = {
          left: x + dx - LABEL_MARGIN_PX, top: y + dy - LABEL_MARGIN_PX,
          right: x + dx + w + LABEL_MARGIN_PX, bottom: y + dy + h + LABEL_MARGIN_PX
        };
        if (!grid.hits(box, except)) { grid.add(box); return [dx, dy]; }
      }
      return null;
    }

    /*
     * Draw the dots for this zoom and place the names. ``obstacles``: the boxes
     * (client pixels, as getBoundingClientRect gives them) of the labels and
     * dots already on the map, which names keep clear of.
     */
    function place(obstacles) {
      labels.clearLayers();
      labelled = {};
      targets = [];
      if (!map.hasLayer(layer)) { hideTooltip(); return; }
      updateDots(map.getZoom());
      var size = map.getSize();
      var origin = map.getContainer().getBoundingClientRect();
      var grid = new BoxGrid();
      (obstacles || []).forEach(function (r) {
        grid.add({ left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top });
      });
      shown.forEach(function (index) {
        var p = map.latLngToContainerPoint([points.lat[index], points.lon[index]]);
        if (p.x < -VIEW_MARGIN_PX || p.y < -VIEW_MARGIN_PX ||
            p.x > size.x + VIEW_MARGIN_PX || p.y > size.y + VIEW_MARGIN_PX) { return; }
        var r = dotRadius(points.population[index]);
        var box = { left: p.x - r - 1, top: p.y - r - 1, right: p.x + r + 1, bottom: p.y + r + 1 };
        grid.add(box);
        // A fly-to target's name goes outside its ring.
        var labelR = focus && focus.index === index ? FOCUS_RING_PX : r;
        targets.push({ index: index, x: p.x, y: p.y, r: r, labelR: labelR, box: box });
      });
      if (focus && focus.index < 0 && focus.name) {
        // A fly-to target that is no place of ours: its name goes first, by its ring.
        var q = map.latLngToContainerPoint([focus.lat, focus.lon]);
        var spot = fit(grid, q.x, q.y, FOCUS_RING_PX, focus.name, null);
        if (spot) { addLabel([focus.lat, focus.lon], focus.name, spot[0], spot[1], false, -1); }
      }
      targets.forEach(function (t) {
        if (t.x < 0 || t.y < 0 || t.x > size.x || t.y > size.y) { return; } // name only what is seen
        var text = Atlas.placeName(points.name[t.index], points.name_uk[t.index]);
        var spot = fit(grid, t.x, t.y, t.labelR, text, t.box);
        if (spot) { addLabel([points.lat[t.index], points.lon[t.index]], text, spot[0], spot[1], held[t.index] === 1, t.index); }
      });
    }

    function tooltipText(index) {
      var name = points.name[index] + (points.name_uk[index] ? " (" + points.name_uk[index] + ")" : "");
      var population = points.population[index];
      var words = window.Atlas; // the page's words and number format (atlas.js)
      var parts = [population > 0
        ? words.t("population {n} (GeoNames est.)", { n: words.formatNumber(population, 0) })
        : words.t("population not known")];
      if (heldKnown) {
        var status = held[index] ? "held by the occupying side" : "not held by the occupying side";
        parts.push(heldDate
          ? words.t(status + " on {date}", { date: words.formatDate(heldDate) })
          : words.t(status));
      }
      return [name].concat(parts);
    }

    function tooltipContent(index) {
      var lines = tooltipText(index);
      var box = el("div", "atlas-tooltip");
      box.appendChild(el("div", "atlas-tooltip-title", lines[0]));
      lines.slice(1).forEach(function (line) { box.appendChild(el("div", null, line)); });
      return box;
    }

    function hideTooltip() {
      if (tooltipIndex >= 0) { map.closeTooltip(tooltip); }
      tooltipIndex = -1;
      map.getContainer().classList.remove("atlas-on-place");
    }

    function onMouseMove(event) {
      var p = event.containerPoint;
      var best = null;
      var bestDistance = Infinity;
      targets.forEach(function (t) {
        var distance = Math.sqrt((t.x - p.x) * (t.x - p.x) + (t.y - p.y) * (t.y - p.y)) - t.r;
        if (distance <= HOVER_PX && distance < bestDistance) { best = t; bestDistance = distance; }
      });
      if (!best) { hideTooltip(); return; }
      if (best.index === tooltipIndex) { return; }
      tooltipIndex = best.index;
      tooltip.setLatLng([points.lat[best.index], points.lon[best.index]]);
      tooltip.setContent(tooltipContent(best.index));
      map.openTooltip(tooltip);
      // The oblast's own tooltip follows the pointer too: it steps aside meanwhile.
      map.getContainer().classList.add("atlas-on-place");
    }

    map.on("mousemove", onMouseMove);
    map.on("mouseout movestart zoomstart", function () { targets = []; hideTooltip(); });

    return {
      layer: layer,
      place: place,

      /* Which places are held (gazetteer rows) on a date; null when nothing is loaded. */
      setHeld: function (indices, date) {
        var before = held;
        held = new Uint8Array(count);
        heldKnown = Array.isArray(indices);
        heldDate = heldKnown && date ? String(date) : null;
        (indices || []).forEach(function (index) {
          if (Number.isInteger(index) && index >= 0 && index < count) { held[index] = 1; }
        });
        // Only the places that changed hands are restyled (a timeline steps day by day).
        markers.forEach(function (m, index) { if (held[index] !== before[index]) { m.setStyle(style(index)); } });
        hideTooltip();
      },

      /* Give a fly-to target's place (or name) first claim on a dot and a label. */
      setFocus: function (lat, lon, name) {
        var index = -1;
        var nearest = FOCUS_MATCH_DEG;
        for (var k = 0; k < count; k++) {
          var d = Math.max(Math.abs(points.lat[k] - lat), Math.abs(points.lon[k] - lon));
          if (d <= nearest) { nearest = d; index = k; }
        }
        focus = { lat: lat, lon: lon, index: index, name: name ? String(name) : "" };
      },

      setOpacity: function (opacity) {
        [panes.dots, panes.labels].forEach(function (name) { map.getPane(name).style.opacity = String(opacity); });
      },

      heldKnown: function () { return heldKnown; },

      /* For tests: what the layer shows, as plain data. */
      state: function () {
        var heldCount = 0;
        for (var k = 0; k < count; k++) { heldCount += held[k]; }
        return {
          points: count, dots: map.hasLayer(layer) ? shown.length : 0,
          labels: Object.keys(labelled).length, held: heldCount, heldKnown: heldKnown
        };
      },

      /* For tests: how one place (a gazetteer row) is drawn. */
      describe: function (index) {
        var m = markers[index];
        var drawn = Boolean(m && dots.hasLayer(m) && map.hasLayer(layer));
        return {
          drawn: drawn, held: held[index] === 1,
          fillColor: drawn ? m.options.fillColor : null,
          label: labelled[index] === undefined ? null : labelled[index],
          tooltip: tooltipText(index).join(" — ")
        };
      }
    };
  }

  window.AtlasSettlements = { create: create, MIN_POPULATION_BY_ZOOM: MIN_POPULATION_BY_ZOOM };
})();

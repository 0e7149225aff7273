/*
 * Frontline Atlas map page: draws what Python sends and reports clicks. It
 * computes nothing. Every string from data reaches the DOM through textContent,
 * never as HTML.
 *
 * Python -> page: Atlas.<function>(...) with JSON arguments (see desktop/map/bridge.py).
 * Page -> Python: one message kind, {"cmd": ..., "args": {...}}, through the
 * QWebChannel object "bridge" and its single slot send(text).
 */
(function () {
  "use strict";

  // Styles and hatches come from the palette Python sends (geodata/palette.py): the
  // page holds no colour of its own. Built by applyPalette before anything is drawn.
  var STYLE = null;
  var HATCHES = null;
  var UKRAINE_EXTENT = null;
  var PALETTE = null;
  var LANGUAGE = "en"; // of place names on the map: "en" or "uk"
  var WATER_UK = {}; // rivers' and reservoirs' Ukrainian names, by their English ones
  var WORDS = {}; // the page's words in the app's language: English -> shown (page.py)
  var LOCALE = "en-GB"; // how numbers and dates are written
  var cityDots = []; // {dot, place}: each city's dot and its gazetteer row

  function applyPalette(p, cssVariables) {
    PALETTE = p;
    var root = document.documentElement.style;
    Object.keys(cssVariables).forEach(function (name) {
      root.setProperty(name, cssVariables[name]);
    });
    STYLE = {
      neighbours: { color: p.land_edge, weight: 0.8, fillColor: p.land, fillOpacity: 1 },
      region: { color: p.oblast_edge, weight: 0.8, fillColor: p.oblast, fillOpacity: 1 },
      regionHover: { color: p.oblast_hover, weight: 1.6 },
      selected: { color: p.selected, weight: 3, fillColor: p.selected, fillOpacity: 0.12 },
      control: { color: p.occupied_edge, weight: 1, fillColor: p.occupied, fillOpacity: 0.55, className: "atlas-control-area" },
      // Each category a source distinguishes (geodata.categories); land not counted as
      // occupied is drawn lighter and with a dashed edge.
      category: {
        occupied_before_2022: { color: p.occupied_edge, weight: 1, fillColor: p.occupied_before_2022, fillOpacity: 0.6 },
        contested: { color: p.contested_edge, weight: 1, dashArray: "3 3", fillColor: p.contested, fillOpacity: 0.45 },
        liberated: { color: p.liberated_edge, weight: 1, dashArray: "3 3", fillColor: p.liberated, fillOpacity: 0.3 }
      },
      claim: { color: p.claim, weight: 2.5, dashArray: "9 6", fillColor: "url(#atlas-hatch-claim)", fillOpacity: 1 },
      proposal: {
        "to-occupier": { color: p.to_occupier, weight: 1.5, fillColor: "url(#atlas-hatch-occupier)", fillOpacity: 1 },
        "to-ukraine": { color: p.to_ukraine, weight: 1.5, fillColor: "url(#atlas-hatch-ukraine)", fillOpacity: 1 },
        "dmz": { stroke: false, fillColor: p.zone, fillOpacity: 0.35 },
        "contact-line": { color: p.contact_line, weight: 2, opacity: 0.9, fill: false }
      },
      drawing: { color: p.selected, weight: 2, dashArray: "4 4", fillColor: p.selected, fillOpacity: 0.1 },
      change: {
        gained: { color: p.gained_edge, weight: 1, fillColor: p.gained, fillOpacity: 0.85 },
        // Regained land has a dashed edge too: taken and regained differ by more than hue.
        lost: { color: p.regained_edge, weight: 1.5, dashArray: "4 3", fillColor: p.regained, fillOpacity: 0.85 }
      }
    };
    // Hatches for the claims and the proposals' areas: [id, colour, stroke width, spacing].
    HATCHES = [
      ["atlas-hatch-claim", p.claim, 1, 9, 0.45],
      ["atlas-hatch-occupier", p.to_occupier, 2, 7, 0.9],
      ["atlas-hatch-ukraine", p.to_ukraine, 2, 7, 0.9]
    ];
  }
  // Zoom from which each city rank is labelled (rank 1 = Kyiv).
  var CITY_MIN_ZOOM = { 1: 4, 2: 5.5, 3: 7, 4: 8 };
  var REGION_LABEL_MIN_ZOOM = 5.5;
  var SMALL_UNITS = { "UA-30": true, "UA-40": true }; // labelled as cities instead

  var map = null;
  var bridge = null;
  var layers = {};
  var regionLayers = {};
  var figures = {};
  var selectedCodes = [];
  var controlOpacity = 1;
  var legendControlText = null;
  var labelEntries = []; // {marker, dot, priority}: what hideOverlappingLabels weighs
  var legendRows = {}; // legend row nodes by key, shown only when their layer has content
  var drawing = null; // the polygon being drawn: {points, line, markers}
  var legendSubtitle = null;
  var legendCategories = null; // rows for a source's categories other than occupied
  var legendProposalTitle = null;
  var creditsText = null;
  var baseCredits = "";
  var settlements = null; // the Settlements layer (settlements.js)
  var hydrography = null; // the Rivers and lakes layer (hydrography.js)
  var focusRing = null; // the ring round the last fly-to target

  function send(cmd, args) {
    if (bridge) {
      bridge.send(JSON.stringify({ cmd: cmd, args: args || {} }));
    }
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function formatNumber(value, decimals) {
    return Number(value).toLocaleString(LOCALE, {
      minimumFractionDigits: decimals, maximumFractionDigits: decimals
    });
  }

  /* The page's words in the app's language, values filled in: t("{n} km", {n: "5"}). */
  function t(text, values) {
    var shown = Object.prototype.hasOwnProperty.call(WORDS, text) ? WORDS[text] : text;
    Object.keys(values || {}).forEach(function (key) {
      shown = shown.split("{" + key + "}").join(String(values[key]));
    });
    return shown;
  }

  /* An ISO date (2024-11-20) as the app's language writes it (20.11.2024 in Ukrainian). */
  function formatDate(iso) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso));
    return parts && LOCALE === "uk-UA" ? parts[3] + "." + parts[2] + "." + parts[1] : String(iso);
  }

  function pane(name, zIndex, interactive) {
    if (map.getPane(name)) { return name; }
    var p = map.createPane(name);
    p.style.zIndex = String(zIndex);
    if (!interactive) { p.style.pointerEvents = "none"; }
    return name;
  }

  function regionTooltip(feature) {
    var props = feature.properties;
    var box = el("div", "atlas-tooltip");
    box.appendChild(el("div", "atlas-tooltip-title", Atlas.placeName(props.name, props.name_uk)));
    var f = figures[props.code];
    var table = el("table");
    function row(label, value) {
      var tr = el("tr");
      tr.appendChild(el("td", null, label));
      tr.appendChild(el("td", "num", value));
      table.appendChild(tr);
    }
    if (f) {
      row(t("Area"), t("{km2} km²", { km2: formatNumber(f.area_km2, 1) }));
      row(t("Occupied"), t("{km2} km²", { km2: formatNumber(f.controlled_km2, 1) }));
      row(t("Occupied share"), formatNumber(f.controlled_pct, 2) + " %");
      if (f.added_km2 >= 0.05) {
        row(t("of which reconciled"), t("{km2} km²", { km2: formatNumber(f.added_km2, 1) }));
      }
    } else {
      row(t("Kind"), t(props.kind));
    }
    box.appendChild(table);
    return box;
  }

  /* SVG patterns for the hatched fills, defined once in the page (built as DOM, not markup). */
  function addHatchPatterns() {
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("width", "0");
    svg.setAttribute("height", "0");
    svg.style.position = "absolute";
    var defs = document.createElementNS(ns, "defs");
    HATCHES.forEach(function (h) {
      var pattern = document.createElementNS(ns, "pattern");
      pattern.setAttribute("id", h[0]);
      pattern.setAttribute("patternUnits", "userSpaceOnUse");
      pattern.setAttribute("width", String(h[3]));
      pattern.setAttribute("height", String(h[3]));
      pattern.setAttribute("patternTransform", "rotate(45)");
      var line = document.createElementNS(ns, "line");
      line.setAttribute("x1", "0"); line.setAttribute("y1", "0");
      line.setAttribute("x2", "0"); line.setAttribute("y2", String(h[3]));
      line.setAttribute("stroke", h[1]);
      line.setAttribute("stroke-width", String(h[2]));
      line.setAttribute("stroke-opacity", String(h[4]));
      pattern.appendChild(line);
      defs.appendChild(pattern);
    });
    svg.appendChild(defs);
    document.body.appendChild(svg);
  }

  function drawBasemap(data) {
    layers.neighbours = L.geoJSON(data.neighbours, {
      pane: pane("atlas-neighbours", 300, false), style: STYLE.neighbours, interactive: false
    }).addTo(map);

    layers.regions = L.geoJSON(data.regions, {
      pane: pane("atlas-regions", 400, true),
      style: STYLE.region,
      onEachFeature: function (feature, layer) {
        regionLayers[feature.properties.code] = layer;
        layer.bindTooltip(function () { return regionTooltip(feature); }, { sticky: true, className: "atlas-region-tip" });
        layer.on("mouseover", function () {
          if (selectedCodes.indexOf(feature.properties.code) < 0) { layer.setStyle(STYLE.regionHover); }
        });
        layer.on("mouseout", function () { restyle(feature.properties.code); });
        layer.on("click", function () {
          if (!drawing) { send("select", { code: feature.properties.code }); }
        });
      }
    }).addTo(map);

    pane("atlas-control", 450, false);
    pane("atlas-claims", 460, false);
    pane("atlas-proposal", 470, false);
    pane("atlas-change", 480, false);
    pane("atlas-drawing", 620, false);
    pane("atlas-labels", 640, false);

    layers.claims = L.geoJSON(data.claims, {
      pane: "atlas-claims", style: STYLE.claim, interactive: false
    }); // off until the Layers panel switches it on

    var regionLabels = [];
    data.regions.features.forEach(function (feature) {
      if (SMALL_UNITS[feature.properties.code]) { return; }
      var icon = L.divIcon({ className: "atlas-label atlas-region-label", html: "", iconSize: null });
      var marker = L.marker(feature.properties.label, { icon: icon, pane: "atlas-labels", interactive: false, keyboard: false });
      marker.on("add", function () {
        var node = marker.getElement();
        node.replaceChildren(el("span", null, Atlas.placeName(feature.properties.name, feature.properties.name_uk)));
      });
      regionLabels.push(marker);
      labelEntries.push({ marker: marker, dot: null, priority: 10 });
    });
    // Countries and seas are named in the same layer, more quietly.
    data.neighbours.features.forEach(function (feature) {
      var country = textMarker(feature.properties.label, "atlas-country-label",
        Atlas.placeName(feature.properties.name, feature.properties.name_uk));
      regionLabels.push(country);
      labelEntries.push({ marker: country, dot: null, priority: 20 });
    });
    (data.seas || []).forEach(function (sea) {
      var seaLabel = textMarker(sea.label, "atlas-sea-label", Atlas.placeName(sea.name, sea.name_uk));
      regionLabels.push(seaLabel);
      labelEntries.push({ marker: seaLabel, dot: null, priority: 20 });
    });
    layers["region-labels"] = L.layerGroup(regionLabels).addTo(map);

    var cities = [];
    data.cities.features.forEach(function (feature) {
      var p = feature.properties;
      var latlng = [feature.geometry.coordinates[1], feature.geometry.coordinates[0]];
      var rankClass = " rank-" + p.rank;
      var dot = L.circleMarker(latlng, {
        pane: "atlas-labels", radius: p.rank <= 2 ? 3.5 : 2.5, weight: 1.5, color: PALETTE.city,
        fillColor: PALETTE.city_fill, fillOpacity: 1, interactive: false, className: "atlas-city" + rankClass
      });
      cities.push(dot);
      cityDots.push({ dot: dot, place: p.place });
      var icon = L.divIcon({ className: "atlas-label atlas-city-label atlas-city" + rankClass, html: "", iconSize: null });
      var label = L.marker(latlng, { icon: icon, pane: "atlas-labels", interactive: false, keyboard: false });
      label.on("add", function () { label.getElement().replaceChildren(el("span", null, Atlas.placeName(p.name, p.name_uk))); });
      cities.push(label);
      labelEntries.push({ marker: label, dot: dot, priority: p.rank });
    });
    layers.cities = L.layerGroup(cities).addTo(map);
    labelEntries.sort(function (a, b) { return a.priority - b.priority; });

    // Under the cities' and oblasts' names, above every area.
    var settlementPanes = { dots: pane("atlas-settlements", 490, false), labels: pane("atlas-place-labels", 635, false) };
    settlements = AtlasSettlements.create(map, data.settlements, PALETTE, settlementPanes, el);
    layers.settlements = settlements.layer.addTo(map);

    // Water between the oblasts and the control areas; its bands come from Python when needed.
    var waterPanes = { water: pane("atlas-water", 420, false), rivers: pane("atlas-rivers", 455, false), labels: "atlas-labels" };
    hydrography = AtlasHydrography.create(map, data.hydrography, PALETTE, waterPanes, el,
      function (band) {
        if (!bridge) { return false; } // asked again once the bridge is up
        send("need_hydrography", { band: band });
        return true;
      },
      function (marker) {
        labelEntries.push({ marker: marker, dot: null, priority: 15 });
        labelEntries.sort(function (a, b) { return a.priority - b.priority; });
      });
    layers.water = hydrography.layer.addTo(map);
    var inline = data.hydrography.inline || {};
    Object.keys(inline).forEach(function (band) { hydrography.add(band, inline[band]); });
  }


  /* A label that is plain text at a point (never HTML). */
  function textMarker(latlng, className, text) {
    var icon = L.divIcon({ className: "atlas-label " + className, html: "", iconSize: null });
    var marker = L.marker(latlng, { icon: icon, pane: "atlas-labels", interactive: false, keyboard: false });
    marker.on("add", function () { marker.getElement().replaceChildren(el("span", null, text)); });
    return marker;
  }

  /* Tell Python a layer is drawn, once the browser has painted it (so a snapshot shows it). */
  function reportDrawn(command, collection) {
    var count = collection && collection.features ? collection.features.length : 0;
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { send(command, { features: count }); });
    });
  }

  function restyle(code) {
    var layer = regionLayers[code];
    if (!layer) { return; }
    layer.setStyle(selectedCodes.indexOf(code) >= 0 ? STYLE.selected : STYLE.region);
  }

  /*
   * Where labels collide, the more important one stays: cities by rank, then
   * oblast names, then countries and seas. A city loses its dot with its name.
   */
  function hideOverlappingLabels() {
    var SLACK = 2;
    var placed = [];
    var dots = [];
    labelEntries.forEach(function (entry) {
      var node = entry.marker.getElement();
      if (!node || !node.firstChild) { return; } // its layer is switched off
      setCollides(entry, false);
      var box = node.firstChild.getBoundingClientRect();
      if (box.width === 0) { return; } // hidden at this zoom
      // Halos may touch: only an overlap of more than SLACK pixels counts.
      var collides = placed.some(function (other) {
        return box.left + SLACK < other.right && box.right - SLACK > other.left &&
          box.top + SLACK < other.bottom && box.bottom - SLACK > other.top;
      });
      if (collides) { setCollides(entry, true); return; }
      placed.push(box);
      var dot = entry.dot && entry.dot.getElement();
      if (dot) { dots.push(dot.getBoundingClientRect()); }
    });
    // Then the settlements' names, in the room these leave.
    if (settlements) {
      settlements.place(placed.concat(dots));
      var shown = isShown("settlements") && settlements.state().dots > 0;
      showLegendRow("settlement", shown);
      showLegendRow("settlement-held", shown && settlements.heldKnown());
    }
  }

  /* Once more when the map has come to rest: names shown or moved by a zoom's
   * last steps (river names among them) are weighed again. */
  var settleTimer = null;
  var moving = false; // between a move's (or zoom's) start and its end
  function settleLabelsSoon() {
    if (settleTimer) { clearTimeout(settleTimer); }
    settleTimer = setTimeout(function () { settleTimer = null; hideOverlappingLabels(); }, 120);
  }

  function setCollides(entry, collides) {
    entry.marker.getElement().classList.toggle("atlas-collides", collides);
    var dot = entry.dot && entry.dot.getElement();
    if (dot) { dot.classList.toggle("atlas-collides", collides); }
  }

  function updateLabelZoom() {
    var zoom = map.getZoom();
    var container = map.getContainer();
    container.classList.toggle("atlas-labels-hidden", zoom < REGION_LABEL_MIN_ZOOM);
    for (var rank = 1; rank <= 4; rank++) {
      container.classList.toggle("atlas-hide-rank-" + rank, zoom < CITY_MIN_ZOOM[rank]);
    }
  }

  function addControls(data) {
    var scale = L.control.scale({ imperial: false, position: "bottomleft", maxWidth: 160 });
    // Leaflet writes "500 km" itself: the scale's words and numbers in the app's language.
    scale._updateMetric = function (maxMeters) {
      var meters = this._getRoundNum(maxMeters);
      var label = meters < 1000 ? t("{n} m", { n: formatNumber(meters, 0) })
        : t("{n} km", { n: formatNumber(meters / 1000, 0) });
      this._mScale.style.width = Math.round(this.options.maxWidth * meters / maxMeters) + "px";
      this._mScale.textContent = label;
    };
    scale.addTo(map);

    var Legend = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "atlas-box atlas-legend");
        // The title folds the legend away (and back): on a small window it covers the south.
        var title = el("button", "atlas-legend-title", t("Legend"));
        title.type = "button";
        title.setAttribute("aria-expanded", "true");
        title.title = t("Show or hide the legend");
        title.addEventListener("click", function (event) {
          event.stopPropagation();
          var folded = box.classList.toggle("atlas-legend-folded");
          title.setAttribute("aria-expanded", folded ? "false" : "true");
        });
        L.DomEvent.disableClickPropagation(box);
        box.appendChild(title);
        if (map.getSize().y < 520) { box.classList.add("atlas-legend-folded"); title.setAttribute("aria-expanded", "false"); }
        function row(swatch, text) {
          var r = el("div", "atlas-legend-row");
          r.appendChild(el("span", "swatch " + swatch));
          var t = el("span", null, text);
          r.appendChild(t);
          box.appendChild(r);
          return { row: r, text: t };
        }
        var control = row("control", t("Occupied territory"));
        legendControlText = control.text;
        legendSubtitle = el("div", "atlas-legend-sub");
        box.appendChild(legendSubtitle);
        control.row.style.display = "none";
        legendControlText.rowNode = control.row;
        legendCategories = el("div", "atlas-legend-categories");
        box.appendChild(legendCategories);
        function optionalRow(key, swatch, text) {
          var r = row(swatch, text);
          r.row.style.display = "none";
          legendRows[key] = r;
        }
        optionalRow("claims", "claim", t("Annexation claims (2014, 2022)"));
        legendProposalTitle = el("div", "atlas-legend-proposal");
        box.appendChild(legendProposalTitle);
        optionalRow("to-occupier", "to-occupier", t("To the occupying side"));
        optionalRow("to-ukraine", "to-ukraine", t("Returned to Ukraine"));
        optionalRow("dmz", "dmz", t("Demilitarized zone"));
        optionalRow("contact-line", "contact-line", t("Line of contact"));
        optionalRow("gained", "gained", t("Gained by the occupying side"));
        optionalRow("lost", "lost", t("Regained by Ukraine"));
        row("region", t("Oblast"));
        row("selected", t("Selected"));
        row("city", t("City"));
        optionalRow("settlement", "settlement", t("Settlement"));
        optionalRow("settlement-held", "settlement-held", t("Settlement held by the occupying side"));
        optionalRow("river", "river", t("River"));
        optionalRow("lake", "lake", t("Lake or reservoir"));
        optionalRow("drained", "drained", t("Kakhovka reservoir, drained since June 2023"));
        L.DomEvent.disableClickPropagation(box);
        return box;
      }
    });
    new Legend().addTo(map);

    if (map.attributionControl) { map.attributionControl.remove(); }
    var Credits = L.Control.extend({
      options: { position: "bottomright" },
      onAdd: function () {
        var box = el("div", "atlas-credits");
        creditsText = box;
        return box;
      }
    });
    baseCredits = data.credits;
    new Credits().addTo(map);
    setCredits(null);
  }

  function setCredits(controlCredit) {
    if (!creditsText) { return; }
    creditsText.textContent = controlCredit
      ? baseCredits + " · " + t("Control areas: {credit}", { credit: controlCredit })
      : baseCredits;
  }

  function setTiles(tiles) {
    if (layers.tiles) { map.removeLayer(layers.tiles); delete layers.tiles; }
    if (!tiles) { return; }
    layers.tiles = L.tileLayer(tiles.url, {
      pane: pane("atlas-tiles", 350, false), maxZoom: tiles.max_zoom || 18, opacity: 0.85
    }).addTo(map);
    baseCredits = tiles.credits;
    setCredits(null);
  }

  var Atlas = {};

  /* A place's name in the language chosen for map labels (English unless "uk"). */
  Atlas.placeName = function (name, nameUk) {
    return LANGUAGE === "uk" && nameUk ? nameUk : name;
  };

  /* A river's or reservoir's name in the language chosen for map labels. */
  Atlas.waterName = function (name) {
    return LANGUAGE === "uk" && WATER_UK[name] ? WATER_UK[name] : name;
  };

  /* Called once by the page (folium's map variable is passed in). */
  Atlas.start = function (leafletMap) {
    map = leafletMap;
    var data = JSON.parse(document.getElementById("atlas-data").textContent);
    // The basemap comes prebuilt (basemap.js); the page's own data says the rest.
    var basemap = window.ATLAS_BASEMAP || {};
    Object.keys(basemap).forEach(function (key) { if (!(key in data)) { data[key] = basemap[key]; } });
    if (data.hydrography_inline) { data.hydrography.inline = data.hydrography_inline; }
    LANGUAGE = data.language || "en";
    WORDS = data.words || {};
    WATER_UK = data.water_names_uk || {};
    LOCALE = data.locale || "en-GB";
    applyPalette(data.palette, data.css_variables);
    if (data.theme === "dark") { document.documentElement.classList.add("atlas-dark"); }
    UKRAINE_EXTENT = data.ukraine_extent;
    map.getContainer().classList.add("atlas-map");
    addHatchPatterns();
    drawBasemap(data);
    addControls(data);
    if (data.tiles) { setTiles(data.tiles); }
    map.on("zoomend", updateLabelZoom);
    map.on("zoomend moveend resize", hideOverlappingLabels);
    // A zoom's last steps can still move names (rotated river names): weigh them once more.
    map.on("zoomend", settleLabelsSoon);
    map.on("movestart zoomstart", function () { moving = true; });
    map.on("moveend", function () { moving = false; });
    map.on("zoomend moveend", function () { if (hydrography) { showWaterLegend(); } });
    // Python keeps the view's extent (a briefing map can show "the map view").
    map.on("moveend", function () {
      var b = map.getBounds();
      send("view_changed", { bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], zoom: map.getZoom() });
    });
    updateLabelZoom();
    hideOverlappingLabels();
    Atlas.zoomToUkraine();
    if (data.initial) {
      Atlas.setControl(data.initial.control, data.initial.figures, data.initial.info, data.initial.held);
      if (data.initial.proposal) { Atlas.setProposal(data.initial.proposal[0], data.initial.proposal[1]); }
    }
    window.addEventListener("error", function (event) {
      send("js_error", { message: String(event.message), line: event.lineno || 0 });
    });
    if (window.qt && window.qt.webChannelTransport && window.QWebChannel) {
      new QWebChannel(window.qt.webChannelTransport, function (channel) {
        bridge = channel.objects.bridge;
        send("ready", { regions: Object.keys(regionLayers).length });
        hydrography.update(); // the band the page opened at
      });
    }
  };

  /*
   * Draw a control layer (GeoJSON), the per-region figures, the legend text and
   * which settlements are held (their indices in the page data's settlements).
   */
  Atlas.setControl = function (collection, regionFigures, info, heldPlaces) {
    if (layers.control) { map.removeLayer(layers.control); }
    layers.control = L.geoJSON(collection, {
      pane: "atlas-control", style: categoryStyle, interactive: false
    });
    applyControlOpacity();
    if (!Atlas._hidden || !Atlas._hidden.control) { layers.control.addTo(map); }
    figures = regionFigures || {};
    if (legendControlText) {
      legendControlText.rowNode.style.display = "";
      // A source with categories has a legend row each; the first row is its occupied land.
      var categorised = showCategoryLegend(collection);
      legendControlText.textContent = t(categorised ? "Occupied since 2022" : "Occupied territory") +
        (info && info.date ? ", " + formatDate(info.date) : "");
      legendSubtitle.textContent = !categorised && info && info.names && info.names.length ? info.names.join(" · ") : "";
    }
    setCredits(info ? info.credit : null);
    settlements.setHeld(Array.isArray(heldPlaces) ? heldPlaces : null, info ? info.date : null);
    markHeldCities(Array.isArray(heldPlaces) ? heldPlaces : []);
    hideOverlappingLabels();
    reportDrawn("control_drawn", collection);
  };

  function categoryStyle(feature) {
    var category = feature && feature.properties ? feature.properties.category : null;
    return STYLE.category[category] || STYLE.control;
  }

  function applyControlOpacity() {
    if (!layers.control) { return; }
    layers.control.eachLayer(function (shape) {
      var style = categoryStyle(shape.feature);
      shape.setStyle({ opacity: controlOpacity, fillOpacity: style.fillOpacity * controlOpacity });
    });
  }

  /* One legend row per category other than occupied since 2022, labelled from the data. */
  function showCategoryLegend(collection) {
    legendCategories.textContent = "";
    var categorised = false;
    (collection.features || []).forEach(function (feature) {
      var props = feature.properties || {};
      if (props.category && props.category !== "controlled") { categorised = true; }
      if (!STYLE.category[props.category]) { return; }
      var r = el("div", "atlas-legend-row");
      r.appendChild(el("span", "swatch category-" + props.category.replace(/_/g, "-")));
      r.appendChild(el("span", null, props.counted ? t(props.label) : t("{label} (not counted as occupied)", { label: t(props.label) })));
      legendCategories.appendChild(r);
    });
    return categorised;
  }

  /* True once the map is at rest (no move or zoom under way, an animated one
   * included) and the labels' last weighing after it has run. */
  Atlas.labelsSettled = function () { return !moving && settleTimer === null; };

  /* A zoom band of water (geodata.hydrography), sent by Python when the page asked for it. */
  Atlas.addHydrography = function (band, data) {
    hydrography.add(band, data);
    showWaterLegend();
    hideOverlappingLabels();
    settleLabelsSoon();
    send("hydrography_drawn", { band: band, state: hydrography.state() });
  };

  Atlas.clearControl = function () {
    if (layers.control) { map.removeLayer(layers.control); delete layers.control; }
    figures = {};
    if (legendControlText) { legendControlText.rowNode.style.display = "none"; legendSubtitle.textContent = ""; }
    if (legendCategories) { legendCategories.textContent = ""; }
    setCredits(null);
    settlements.setHeld(null, null);
    markHeldCities([]);
    hideOverlappingLabels();
  };

  /* A city held by the occupying side gets a dark dot, as its settlement would. */
  function markHeldCities(heldPlaces) {
    var held = new Set(heldPlaces);
    cityDots.forEach(function (city) {
      var isHeld = held.has(city.place);
      city.dot.setStyle({
        color: isHeld ? PALETTE.held_place_edge : PALETTE.city,
        fillColor: isHeld ? PALETTE.held_place : PALETTE.city_fill
      });
    });
  }

  /* Highlight regions by code; zoom to them when asked. */
  Atlas.select = function (codes, zoom) {
    var previous = selectedCodes;
    selectedCodes = (codes || []).filter(function (c) { return regionLayers[c]; });
    previous.concat(selectedCodes).forEach(restyle);
    selectedCodes.forEach(function (c) { regionLayers[c].bringToFront(); });
    if (zoom && selectedCodes.length) {
      var bounds = L.latLngBounds([]);
      selectedCodes.forEach(function (c) { bounds.extend(regionLayers[c].getBounds()); });
      map.flyToBounds(bounds, { paddingTopLeft: [40, 40], paddingBottomRight: [40, 130], duration: 0.4, maxZoom: 9 });
    }
  };

  Atlas.setLayerVisible = function (name, visible) {
    Atlas._hidden = Atlas._hidden || {};
    Atlas._hidden[name] = !visible;
    var layer = layers[name];
    if (!layer) { return; }
    if (visible) { layer.addTo(map); } else { map.removeLayer(layer); }
    if (name === "claims") { showLegendRow("claims", visible); }
    if (name === "proposal") { updateProposalLegend(); }
    if (name === "change") { showLegendRow("gained", visible); showLegendRow("lost", visible); }
    if (name === "water") { showWaterLegend(); }
    hideOverlappingLabels();
  };

  /* The water's rows, while the layer is on and a band is drawn. */
  function showWaterLegend() {
    var state = hydrography.state();
    var shown = isShown("water") && Boolean(state.shown);
    showLegendRow("river", shown && state.rivers > 0);
    showLegendRow("lake", shown);
    showLegendRow("drained", shown && state.drainedInView);
  }

  function showLegendRow(key, shown) {
    if (legendRows[key]) { legendRows[key].row.style.display = shown ? "" : "none"; }
  }

  function isShown(name) {
    return !(Atlas._hidden && Atlas._hidden[name]);
  }

  var proposalCategories = {};

  function updateProposalLegend() {
    var shown = layers.proposal && isShown("proposal");
    ["to-occupier", "to-ukraine", "dmz", "contact-line"].forEach(function (key) {
      showLegendRow(key, Boolean(shown && proposalCategories[key]));
    });
    if (legendProposalTitle) { legendProposalTitle.style.display = shown ? "block" : "none"; }
  }

  /* Draw a proposal's result: areas passing to each side, zones and the new line. */
  Atlas.setProposal = function (collection, summary) {
    if (layers.proposal) { map.removeLayer(layers.proposal); }
    proposalCategories = {};
    layers.proposal = L.geoJSON(collection, {
      pane: "atlas-proposal",
      interactive: false,
      style: function (feature) {
        proposalCategories[feature.properties.category] = true;
        return STYLE.proposal[feature.properties.category] || STYLE.proposal.dmz;
      }
    });
    if (isShown("proposal")) { layers.proposal.addTo(map); }
    if (legendProposalTitle) { legendProposalTitle.textContent = summary && summary.name ? summary.name : ""; }
    if (legendRows["contact-line"] && summary && summary.contact_line_km_after !== undefined) {
      legendRows["contact-line"].text.textContent =
        t("Line of contact after, {km} km", { km: formatNumber(summary.contact_line_km_after, 0) });
    }
    if (legendRows.dmz && summary && summary.dmz_km && summary.dmz_km.length) {
      legendRows.dmz.text.textContent =
        t("Demilitarized zone, {km} km each side", { km: formatNumber(summary.dmz_km[0], 0) });
    }
    updateProposalLegend();
    reportDrawn("proposal_drawn", collection);
  };

  /* Show what changed between two dates: areas gained and lost by the occupying side. */
  Atlas.setChange = function (collection, info) {
    if (layers.change) { map.removeLayer(layers.change); }
    layers.change = L.geoJSON(collection, {
      pane: "atlas-change",
      interactive: false,
      style: function (feature) {
        return STYLE.change[feature.properties.category] || STYLE.change.gained;
      }
    });
    if (isShown("change")) { layers.change.addTo(map); }
    function since(what) {
      return info && info.since ? t("{what} since {date}", { what: t(what), date: formatDate(info.since) }) : t(what);
    }
    var labels = (info && info.labels) || {
      gained: since("Gained by the occupying side"), lost: since("Regained by Ukraine")
    };
    if (legendRows.gained) { legendRows.gained.text.textContent = String(labels.gained); }
    if (legendRows.lost) { legendRows.lost.text.textContent = String(labels.lost); }
    showLegendRow("gained", isShown("change"));
    showLegendRow("lost", isShown("change"));
    reportDrawn("change_drawn", collection);
  };

  Atlas.clearChange = function () {
    if (layers.change) { map.removeLayer(layers.change); delete layers.change; }
    showLegendRow("gained", false);
    showLegendRow("lost", false);
  };

  Atlas.clearProposal = function () {
    if (layers.proposal) { map.removeLayer(layers.proposal); delete layers.proposal; }
    proposalCategories = {};
    updateProposalLegend();
  };

  /*
   * Drawing a polygon: click to add a corner, double-click to finish, Esc to
   * cancel. The page reports the corners; Python decides what they become.
   */
  Atlas.startDrawing = function () {
    if (drawing) { return; }
    drawing = { points: [], outline: L.polygon([], { pane: "atlas-drawing", interactive: false }).setStyle(STYLE.drawing) };
    drawing.outline.addTo(map);
    map.doubleClickZoom.disable();
    map.getContainer().classList.add("atlas-drawing");
    map.on("click", onDrawClick);
    map.on("dblclick", onDrawDoubleClick);
    document.addEventListener("keydown", onDrawKey);
  };

  Atlas.cancelDrawing = function () {
    if (!drawing) { return; }
    stopDrawing();
    send("drawing_cancelled", {});
  };

  function onDrawClick(event) {
    var points = drawing.points;
    var last = points[points.length - 1];
    // The two clicks of a double-click land on the same spot: keep one corner.
    if (last && last.distanceTo(event.latlng) < 1) { return; }
    points.push(event.latlng);
    drawing.outline.setLatLngs(points);
    send("drawing_progress", { corners: points.length });
  }

  function finishDrawing() {
    if (drawing.points.length < 3) { return; } // keep drawing: a polygon needs three corners
    var corners = drawing.points.map(function (p) { return [p.lng, p.lat]; });
    stopDrawing();
    send("polygon_drawn", { coordinates: corners });
  }

  function onDrawDoubleClick(event) {
    onDrawClick(event);
    finishDrawing();
  }

  /* Esc cancels, Backspace (or Delete) takes back the last corner, Enter finishes. */
  function onDrawKey(event) {
    if (event.key === "Escape") { Atlas.cancelDrawing(); return; }
    if (event.key === "Backspace" || event.key === "Delete") {
      event.preventDefault();
      Atlas.undoCorner();
      return;
    }
    if (event.key === "Enter") { event.preventDefault(); finishDrawing(); }
  }

  /* Take back the last corner of the polygon being drawn. */
  Atlas.undoCorner = function () {
    if (!drawing || !drawing.points.length) { return; }
    drawing.points.pop();
    drawing.outline.setLatLngs(drawing.points);
    send("drawing_progress", { corners: drawing.points.length });
  };

  Atlas.finishDrawing = function () { if (drawing) { finishDrawing(); } };

  function stopDrawing() {
    map.off("click", onDrawClick);
    map.off("dblclick", onDrawDoubleClick);
    document.removeEventListener("keydown", onDrawKey);
    map.removeLayer(drawing.outline);
    map.getContainer().classList.remove("atlas-drawing");
    map.doubleClickZoom.enable();
    drawing = null;
  }

  /*
   * Editing a drawn area: its corners are handles. Drag one to move it, right-click
   * (or Alt+click) one to delete it (three stay at least); Enter or Atlas.finishEditing
   * reports the corners, Esc cancels.
   */
  var editing = null;
  Atlas.editPolygon = function (corners) {
    Atlas.cancelEditing(true);
    editing = {
      outline: L.polygon([], { pane: "atlas-drawing", interactive: false }).setStyle(STYLE.drawing).addTo(map),
      handles: []
    };
    corners.forEach(function (c) { addHandle(L.latLng(c[1], c[0])); });
    redrawEditing();
    document.addEventListener("keydown", onEditKey);
    map.fitBounds(editing.outline.getBounds().pad(0.3));
  };

  function addHandle(latlng) {
    var icon = L.divIcon({ className: "atlas-corner-handle", iconSize: [12, 12] });
    var handle = L.marker(latlng, { icon: icon, draggable: true, pane: "atlas-drawing", keyboard: false });
    handle.on("drag", redrawEditing);
    handle.on("contextmenu", function () { deleteHandle(handle); });
    handle.on("click", function (event) { if (event.originalEvent && event.originalEvent.altKey) { deleteHandle(handle); } });
    handle.addTo(map);
    editing.handles.push(handle);
  }

  function deleteHandle(handle) {
    if (!editing || editing.handles.length <= 3) { return; }
    map.removeLayer(handle);
    editing.handles = editing.handles.filter(function (h) { return h !== handle; });
    redrawEditing();
  }

  function redrawEditing() {
    editing.outline.setLatLngs(editing.handles.map(function (h) { return h.getLatLng(); }));
    send("editing_progress", { corners: editing.handles.length });
  }

  function onEditKey(event) {
    if (event.key === "Escape") { Atlas.cancelEditing(); }
    if (event.key === "Enter") { event.preventDefault(); Atlas.finishEditing(); }
  }

  /* For tests and the keyboard: move or delete corner i. */
  Atlas.moveCorner = function (i, lat, lon) { if (editing && editing.handles[i]) { editing.handles[i].setLatLng([lat, lon]); redrawEditing(); } };
  Atlas.deleteCorner = function (i) { if (editing && editing.handles[i]) { deleteHandle(editing.handles[i]); } };

  Atlas.finishEditing = function () {
    if (!editing) { return; }
    var corners = editing.handles.map(function (h) { var p = h.getLatLng(); return [p.lng, p.lat]; });
    stopEditing();
    send("polygon_edited", { coordinates: corners });
  };

  Atlas.cancelEditing = function (quiet) {
    if (!editing) { return; }
    stopEditing();
    if (!quiet) { send("drawing_cancelled", {}); }
  };

  function stopEditing() {
    editing.handles.forEach(function (h) { map.removeLayer(h); });
    map.removeLayer(editing.outline);
    document.removeEventListener("keydown", onEditKey);
    editing = null;
  }

  Atlas.setLayerOpacity = function (name, opacity) {
    var layer = layers[name];
    if (name === "control") { controlOpacity = opacity; }
    if (name === "settlements") { settlements.setOpacity(opacity); return; }
    if (name === "water") { hydrography.setOpacity(opacity); return; }
    if (!layer) { return; }
    if (layer.setOpacity) { layer.setOpacity(opacity); return; }
    if (name === "control") { applyControlOpacity(); return; }
    if (name === "claims" || name === "proposal" || name === "change") {
      layer.eachLayer(function (l) { l.setStyle({ opacity: opacity, fillOpacity: opacity }); });
      return;
    }
    var base = name === "control" ? STYLE.control : name === "regions" ? STYLE.region : STYLE.neighbours;
    if (name === "region-labels" || name === "cities") {
      layer.eachLayer(function (l) {
        if (l.setOpacity) { l.setOpacity(opacity); } else if (l.setStyle) { l.setStyle({ opacity: opacity, fillOpacity: opacity }); }
      });
      return;
    }
    layer.setStyle({ opacity: opacity, fillOpacity: (base.fillOpacity || 1) * opacity });
  };

  Atlas.setTiles = setTiles;

  /* Centre the map on a place at a zoom, without animation. */
  Atlas.setView = function (lat, lon, zoom) {
    map.setView([lat, lon], zoom, { animate: false });
  };

  /* Fly to a place and ring it (until the next fly-to); its dot and name go first. */
  Atlas.flyTo = function (lat, lon, zoom, name) {
    if (focusRing) { map.removeLayer(focusRing); }
    focusRing = L.circleMarker([lat, lon], {
      pane: pane("atlas-focus", 645, false), radius: 14, color: PALETTE.selected, weight: 3,
      fill: false, interactive: false, className: "atlas-focus-ring"
    }).addTo(map);
    settlements.setFocus(lat, lon, name);
    map.flyTo([lat, lon], zoom, { duration: 1.2 });
  };

  Atlas.zoomToUkraine = function () {
    var e = UKRAINE_EXTENT; // [west, south, east, north], sent by Python (geodata/boundaries)
    map.fitBounds([[e[1], e[0]], [e[3], e[2]]], { padding: [10, 10] });
  };

  /* For tests: what is on the page, as plain data. */
  Atlas.state = function () {
    return {
      controlFeatures: layers.control ? layers.control.getLayers().length : 0,
      proposalFeatures: layers.proposal && isShown("proposal") ? layers.proposal.getLayers().length : 0,
      changeFeatures: layers.change && isShown("change") ? layers.change.getLayers().length : 0,
      claimsShown: Boolean(layers.claims && map.hasLayer(layers.claims)),
      drawing: drawing ? drawing.points.length : -1,
      selected: selectedCodes.slice(),
      zoom: map.getZoom(),
      center: [map.getCenter().lat, map.getCenter().lng],
      legend: document.querySelector(".atlas-legend").textContent,
      credits: creditsText ? creditsText.textContent : "",
      settlements: settlements.state(),
      water: hydrography.state(),
      focus: focusRing ? [focusRing.getLatLng().lat, focusRing.getLatLng().lng] : null
    };
  };

  /* For tests: how one settlement (a gazetteer row) is drawn. */
  Atlas.settlement = function (index) {
    return settlements.describe(index);
  };

  /* For tests: the pixel position of a place in the map's container. */
  Atlas.containerPoint = function (lat, lon) {
    var point = map.latLngToContainerPoint([lat, lon]);
    return [point.x, point.y];
  };

  Atlas.t = t;
  Atlas.formatNumber = formatNumber;
  Atlas.formatDate = formatDate;
  window.Atlas = Atlas;
})();

/*
 * The map page's water: the detailed shoreline (GSHHG), lakes and reservoirs,
 * and rivers by class, with the names of the major ones. The data comes in
 * zoom bands (geodata.hydrography), each simplified for its zooms; a band is
 * asked of Python (through the bridge) the first time the map reaches it, so
 * the page opens as fast as before and holds only what has been looked at.
 * The sea and lakes are drawn on a canvas between the oblasts and the control
 * areas (the occupied shading tints the water under it), rivers just above the
 * control areas (the front often follows them); names reach the DOM through
 * textContent only.
 *
 * atlas.js makes one with AtlasHydrography.create(...), gives it each band with
 * add(band, data), and shows or hides it as the "water" layer.
 */
(function () {
  "use strict";

  // Each river class's line width (the zoom it shows from comes from Python).
  var RIVER_WEIGHT = { 1: 2.2, 2: 1.6, 3: 1.1, 4: 0.8 };
  // The page's region, for the sea: everything in it that is not land.
  var REGION = [[42, 20], [42, 43], [55, 43], [55, 20]];

  /*
   * map: the Leaflet map; config: {bands: [{band, min_zoom, max_zoom}], class_min_zoom:
   * {class: zoom}} (geodata.hydrography);
   * palette: colours by role; panes: {water, labels}; el: a text-only element;
   * request(band): ask Python for a band (false: cannot yet, ask again later); addLabel(marker): a label that takes
   * part in atlas.js's collision rules.
   */
  function create(map, config, palette, panes, el, request, addLabel) {
    var bands = config.bands;
    var RIVER_MIN_ZOOM = config.class_min_zoom;
    var renderer = L.canvas({ pane: panes.water, padding: 0.3 });
    // Rivers go over the control areas: the front follows them.
    var riverRenderer = L.canvas({ pane: panes.rivers, padding: 0.3 });
    var layer = L.layerGroup();
    var loaded = {}; // band -> {group, rivers: {class: layerGroup}, labels: [marker]}
    var asked = {};
    var shownBand = null;

    function bandFor(zoom) {
      var z = Math.round(zoom);
      for (var i = 0; i < bands.length; i++) {
        if (z >= bands[i].min_zoom && z <= bands[i].max_zoom) { return bands[i].band; }
      }
      return bands[bands.length - 1].band;
    }

    function latLngs(ring) {
      return ring.map(function (p) { return [p[1], p[0]]; });
    }

    function build(band, data) {
      var group = L.layerGroup();
      // The sea: the region less the detailed land; drawn over the oblasts'
      // fill, it clips them to GSHHG's coast (the figures keep Natural Earth's).
      // No outline: the land is cut at the region's edge, which is no coast.
      var holes = (data.land || []).map(function (polygon) { return latLngs(polygon[0]); });
      if (holes.length) {
        L.polygon([REGION].concat(holes), {
          renderer: renderer, stroke: false, fillColor: palette.sea, fillOpacity: 1, interactive: false
        }).addTo(group);
      }
      (data.lakes || []).forEach(function (lake) {
        var drained = Boolean(lake.drained);
        L.polygon(lake.rings.map(latLngs), {
          renderer: renderer, interactive: false,
          fillColor: drained ? palette.drained_water : palette.water,
          fillOpacity: drained ? 0.5 : 1,
          color: palette.shoreline, weight: drained ? 0.8 : 0.6, dashArray: drained ? "4 3" : null
        }).addTo(group);
      });
      var drainedBounds = null;
      (data.lakes || []).forEach(function (lake) {
        if (lake.drained) {
          var b = L.latLngBounds(latLngs(lake.rings[0]));
          drainedBounds = drainedBounds ? drainedBounds.extend(b) : b;
        }
      });
      var rivers = {};
      (data.rivers || []).forEach(function (river) {
        if (river.in_lake) { return; } // the lake itself shows the river there
        var cls = river.class;
        if (!rivers[cls]) { rivers[cls] = L.layerGroup(); }
        L.polyline(latLngs(river.coords), {
          renderer: riverRenderer, interactive: false, color: palette.river,
          weight: RIVER_WEIGHT[cls] || 0.8, lineCap: "round", lineJoin: "round"
        }).addTo(rivers[cls]);
      });
      var labels = (data.labels || []).map(function (label) {
        var icon = L.divIcon({ className: "atlas-label atlas-water-label", html: "", iconSize: null });
        var marker = L.marker([label.lat, label.lon], {
          icon: icon, pane: panes.labels, interactive: false, keyboard: false
        });
        marker.on("add", function () {
          var span = el("span", null, window.Atlas.waterName(label.name));
          span.style.transform = "rotate(" + (-Number(label.angle) || 0) + "deg)";
          marker.getElement().replaceChildren(span);
        });
        marker.minZoom = RIVER_MIN_ZOOM[label.class] || 5;
        return marker;
      });
      return { group: group, rivers: rivers, labels: labels, drained: drainedBounds };
    }

    function update() {
      if (!map.hasLayer(layer)) { return; }
      var zoom = map.getZoom();
      var band = bandFor(zoom);
      if (!loaded[band]) {
        if (!asked[band]) { asked[band] = request(band) !== false; }
        if (!shownBand) { return; } // until it comes, the band shown stays
        band = shownBand;
      }
      if (band !== shownBand) {
        layer.clearLayers();
        shownBand = band;
        layer.addLayer(loaded[band].group);
      }
      var current = loaded[band];
      Object.keys(current.rivers).forEach(function (cls) {
        var on = zoom >= (RIVER_MIN_ZOOM[cls] || 10) - 0.01;
        if (on && !layer.hasLayer(current.rivers[cls])) { layer.addLayer(current.rivers[cls]); }
        if (!on && layer.hasLayer(current.rivers[cls])) { layer.removeLayer(current.rivers[cls]); }
      });
      current.labels.forEach(function (marker) {
        var on = zoom >= marker.minZoom - 0.01;
        if (on && !layer.hasLayer(marker)) { layer.addLayer(marker); }
        if (!on && layer.hasLayer(marker)) { layer.removeLayer(marker); }
      });
    }

    map.on("zoomend", update);
    layer.on("add", function () { update(); });

    return {
      layer: layer,
      update: update,

      /* A band's data arrived from Python. */
      add: function (band, data) {
        if (loaded[band]) { return; }
        loaded[band] = build(band, data);
        loaded[band].labels.forEach(addLabel);
        if (shownBand && shownBand !== band) { shownBand = null; layer.clearLayers(); }
        update();
      },

      setOpacity: function (opacity) {
        [panes.water, panes.rivers].forEach(function (name) { map.getPane(name).style.opacity = String(opacity); });
      },

      /* For tests and benchmarks: what is loaded and shown. */
      state: function () {
        var current = shownBand ? loaded[shownBand] : null;
        var rivers = 0;
        if (current) {
          Object.keys(current.rivers).forEach(function (cls) {
            if (layer.hasLayer(current.rivers[cls])) { rivers += current.rivers[cls].getLayers().length; }
          });
        }
        return {
          loaded: Object.keys(loaded), shown: map.hasLayer(layer) ? shownBand : null, rivers: rivers,
          drainedInView: Boolean(current && current.drained && map.getBounds().intersects(current.drained)),
          labels: current ? current.labels.filter(function (m) { return layer.hasLayer(m); }).length : 0
        };
      }
    };
  }

  window.AtlasHydrography = { create: create };
})();

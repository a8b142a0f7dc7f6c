// The story page's map and timeline, drawn from the JSON blocks the server wrote into the page.
// Without the vendor libraries (assets not installed) the server-drawn SVG map and the event list stay.
// Place names and article text are set as text (textContent), never as markup.
(function () {
  "use strict";

  function readJSON(id) {
    var element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  var ANTARCTICA = "010"; // ISO 3166 numeric id in world-atlas; its outline wraps the whole globe

  // Rings that cross the antimeridian (Fiji, Chukotka) would be drawn as a line across the whole map:
  // move their western half east by 360 degrees so each ring is drawn in one piece.
  function unwrap(geometry) {
    var polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
    polygons.forEach(function (polygon) {
      polygon.forEach(function (ring) {
        var lons = ring.map(function (point) { return point[0]; });
        if (Math.max.apply(null, lons) - Math.min.apply(null, lons) > 180) {
          ring.forEach(function (point) { if (point[0] < 0) point[0] += 360; });
        }
      });
    });
  }

  function countries(topology) {
    var collection = topojson.feature(topology, topology.objects.countries);
    collection.features = collection.features.filter(function (feature) {
      return feature.id !== ANTARCTICA && feature.geometry;
    });
    collection.features.forEach(function (feature) { unwrap(feature.geometry); });
    return collection;
  }

  function drawMap() {
    var element = document.getElementById("map");
    var places = readJSON("places-data") || [];
    if (!element || !window.L || !window.topojson || places.length === 0) return;
    fetch("/static/vendor/world-atlas/countries-110m.json")
      .then(function (response) {
        if (!response.ok) throw new Error("country outlines: HTTP " + response.status);
        return response.json();
      })
      .then(function (topology) {
        element.replaceChildren();
        element.classList.add("map-live");
        var map = L.map(element, { zoomSnap: 0.5, attributionControl: true });
        map.attributionControl.setPrefix(false);
        map.attributionControl.addAttribution("Outlines: Natural Earth (world-atlas)");
        L.geoJSON(countries(topology), {
          interactive: false,
          style: { className: "country", color: "#8a8f98", weight: 0.8, fillColor: "#eef0e8", fillOpacity: 1 },
        }).addTo(map);
        var markers = places.map(function (place) {
          var marker = L.circleMarker([place.lat, place.lon], {
            radius: 5 + 2 * Math.log1p(place.mentions),
            className: "place-marker",
            color: "#8c1c13",
            weight: 1.5,
            fillColor: "#d1495b",
            fillOpacity: 0.85,
          });
          var label = document.createElement("span");
          label.textContent = place.name + " (" + place.mentions + " mention" + (place.mentions === 1 ? "" : "s") + ")";
          marker.bindTooltip(label);
          return marker;
        });
        var group = L.featureGroup(markers).addTo(map);
        map.fitBounds(group.getBounds().pad(0.6), { maxZoom: 6 });
        element.dataset.ready = "true";
      })
      .catch(function (error) {
        element.dataset.error = String(error);
      });
  }

  function drawTimeline() {
    var element = document.getElementById("timeline");
    var data = readJSON("timeline-data");
    if (!element || !window.TL || !data || data.events.length === 0) return;
    element.replaceChildren();
    element.classList.add("timeline-live");
    // script_path keeps TimelineJS on this server (its default is a CDN); no web fonts are loaded.
    window.storyTimeline = new TL.Timeline(element, data, {
      script_path: "/static/vendor/timelinejs/js/",
      font: null,
      theme: null,
      language: "en",
      hash_bookmark: false,
      timenav_height_percentage: 30,
    });
    element.dataset.ready = "true";
  }

  drawMap();
  drawTimeline();
})();

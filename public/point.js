// Carto82, the participation forms: a small map to set a place's point at its address.
// Loaded by those forms only, and Leaflet only once asked for. Without a script the point
// stays empty and the server sets the place at its commune's centre, as the help says.
(function () {
  "use strict";
  var box = document.querySelector("[data-point]");
  if (!box) return;
  var lat = box.querySelector("input[name=lat]");
  var lon = box.querySelector("input[name=lon]");
  var said = box.querySelector("[data-point-dit]");
  var area = box.querySelector(".petite-carte");
  var open = box.querySelector("[data-point-ouvrir]");
  var actions = box.querySelector(".point-actions");
  var map = null;
  var marker = null;
  box.hidden = false;

  function say(text) { said.textContent = text; }

  function set(at) {
    lat.value = at.lat.toFixed(6);
    lon.value = at.lng.toFixed(6);
    if (marker) {
      marker.setLatLng(at);
    } else {
      marker = window.L.marker(at, { keyboard: false, alt: "Le point du lieu" }).addTo(map);
    }
    say("Le point est placé. Pour le déplacer, touchez la carte ailleurs.");
  }

  function load(then) {
    if (window.L) return then();
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = "/assets/vendor/leaflet/leaflet.css";
    document.head.appendChild(css);
    var js = document.createElement("script");
    js.src = "/assets/vendor/leaflet/leaflet.js";
    js.onload = then;
    js.onerror = function () {
      say("La carte n'a pas pu être chargée. Le lieu sera placé au centre de sa commune.");
    };
    document.head.appendChild(js);
  }

  function draw() {
    var L = window.L;
    area.hidden = false;
    actions.hidden = false;
    // The page scrolls over the map; on a touch screen one finger scrolls the page too,
    // and a tap sets the point.
    var coarse = window.matchMedia && window.matchMedia("(pointer: coarse)").matches;
    map = L.map(area, { scrollWheelZoom: false, dragging: !coarse });
    // Leaflet's credit, opened apart from the form being filled.
    map.attributionControl.setPrefix(
      '<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>'
    );
    // Tiles only when the site configures them: else the outlines of the communes.
    var tiles = document.body.getAttribute("data-tuiles");
    if (tiles) {
      L.tileLayer(tiles, {
        attribution: document.body.getAttribute("data-attribution") || "",
        maxZoom: 19
      }).addTo(map);
    }
    var start = null;
    if (lat.value && lon.value) start = [Number(lat.value), Number(lon.value)];
    else if (box.getAttribute("data-lat")) start = [Number(box.getAttribute("data-lat")), Number(box.getAttribute("data-lon"))];
    if (start) {
      // Without tiles, only the communes' outlines show: they need a wider view.
      map.setView(start, tiles ? 16 : 12);
      set(L.latLng(start[0], start[1]));
    } else {
      map.fitBounds([[43.77, 0.73], [44.40, 1.99]]);
      say("Touchez la carte à l'adresse du lieu.");
    }
    fetch("/api/territory/communes")
      .then(function (answer) { return answer.ok ? answer.json() : null; })
      .then(function (outlines) {
        if (outlines) {
          L.geoJSON(outlines, {
            interactive: false,
            style: { color: "#1f4e79", weight: 1, fill: false }
          }).addTo(map);
        }
      })
      .catch(function () {});
    map.on("click", function (event) { set(event.latlng); });
  }

  open.addEventListener("click", function () {
    open.setAttribute("aria-expanded", "true");
    open.hidden = true;
    load(draw);
  });
  box.querySelector("[data-point-centre]").addEventListener("click", function () {
    if (map) set(map.getCenter());
  });
  box.querySelector("[data-point-effacer]").addEventListener("click", function () {
    lat.value = "";
    lon.value = "";
    if (marker) {
      map.removeLayer(marker);
      marker = null;
    }
    say("Le point est effacé : le lieu sera placé au centre de sa commune.");
  });
})();

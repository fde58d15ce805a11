// Carto82, the event form: a search box over the list of the map's places. Without a
// script the list alone serves (a select can be typed into); with it, typing a few letters
// of a town or a name keeps only the places that match, accents and capitals aside.
(function () {
  "use strict";
  var box = document.querySelector("[data-chercher-lieu]");
  var list = document.getElementById("p-lieu_id");
  if (!box || !list) return;
  var input = box.querySelector("input");
  var said = box.querySelector("[role=status]");
  var all = Array.prototype.slice.call(list.options);
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var keys = all.map(function (option) { return fold(option.text); });
  box.hidden = false;
  input.addEventListener("input", function () {
    var words = fold(input.value).split(/\s+/).filter(Boolean);
    var chosen = list.value;
    var found = 0;
    // The first option ("Un autre lieu") always stays.
    for (var i = 1; i < all.length; i++) {
      var keep = words.every(function (w) { return keys[i].indexOf(w) !== -1; });
      if (keep) found++;
      if (keep && !all[i].parentNode) list.appendChild(all[i]);
      if (!keep && all[i].parentNode) list.removeChild(all[i]);
    }
    // The options come back in their order: put the kept ones in place again.
    for (var j = 1; j < all.length; j++) {
      if (all[j].parentNode) list.appendChild(all[j]);
    }
    if (found === 1 && words.length) {
      for (var k = 1; k < all.length; k++) if (all[k].parentNode) list.value = all[k].value;
    } else if (list.querySelector('option[value="' + CSS.escape(chosen) + '"]')) {
      list.value = chosen;
    }
    said.textContent = !words.length ? "" :
      found === 0 ? "Aucun lieu de la liste ne correspond." :
      found === 1 ? "Un lieu correspond : il est choisi dans la liste." :
      found + " lieux correspondent : choisissez dans la liste.";
  });
})();

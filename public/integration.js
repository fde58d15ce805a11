// Carto82: fits each Carto82 map frame of this page to the height of its content.
// Optional: without it, a frame keeps the height written in its code.
// Only messages from the Carto82 site that served this script are read, and only to set
// the height of the frame that sent them.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var origin = new URL(script.src).origin;
  window.addEventListener("message", function (event) {
    var data = event.data;
    if (event.origin !== origin || !data || data.carto82 !== "hauteur") return;
    var height = Math.round(Number(data.hauteur));
    if (!(height >= 100 && height <= 20000)) return;
    var frames = document.getElementsByTagName("iframe");
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].contentWindow === event.source) {
        frames[i].style.height = height + "px";
        frames[i].setAttribute("data-carto82-hauteur", String(height));
      }
    }
  });
})();

// Carto82, page /embed: tells the page around the frame how tall the map and its lists
// are, so that /assets/integration.js there can show them without an inner scroll bar.
// The message holds only this height, so any page may receive it ("*").
(function () {
  if (window.parent === window) return;
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    window.parent.postMessage({ carto82: "hauteur", hauteur: height }, "*");
  }
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.documentElement);
  window.addEventListener("load", send);
  send();
})();

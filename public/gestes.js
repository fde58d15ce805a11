// Carto82, every page: the buttons that only a script can run (copy a text or the page's
// link, print the page or the list of results). Their markup comes from the server with a
// `data-geste`; the buttons stay hidden until a script runs (`html.hydrate`, see the CSS).
// The record pages carry no other code (`data-seul`: this script says they are ready);
// on the map pages the wasm sets `hydrate` once it has hydrated.
(function () {
  var failed = " La copie n'a pas marché : sélectionnez le texte, puis copiez-le.";
  if (document.currentScript && document.currentScript.hasAttribute("data-seul")) {
    document.documentElement.classList.add("hydrate");
  }
  function say(button, text) {
    var status = button.nextElementSibling;
    if (status && status.getAttribute("role") === "status") status.textContent = text;
  }
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-geste]");
    if (!button) return;
    var gesture = button.getAttribute("data-geste");
    if (gesture === "copier") {
      var text = button.hasAttribute("data-texte") ? button.getAttribute("data-texte") : location.href;
      // Refused when the page is not allowed the clipboard (some browsers, frames).
      var copied = navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject();
      copied.then(
        function () { say(button, button.getAttribute("data-fait") || ""); },
        function () { say(button, failed); }
      );
    } else if (gesture === "imprimer-liste") {
      // The printed list shows addresses, hours and contacts: every entry opened first.
      document.querySelectorAll("#liste details").forEach(function (d) { d.open = true; });
      window.print();
    } else if (gesture === "imprimer") {
      window.print();
    }
  });
})();

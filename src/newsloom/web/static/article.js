// Bring the passage the reader followed (a claim, quote or figure) into the middle of the view and flash it.
// Run after load: the browser's own jump to #claim-target would otherwise leave it at the very top.
(function () {
  "use strict";
  var target = document.getElementById("claim-target");
  if (!target) return;
  target.classList.add("flash");
  function center() {
    target.scrollIntoView({ block: "center" });
  }
  if (document.readyState === "complete") {
    setTimeout(center, 0);
  } else {
    window.addEventListener("load", function () {
      setTimeout(center, 0);
    });
  }
})();

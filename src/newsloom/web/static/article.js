// Bring the passage the reader followed (a claim, quote or figure) into view and flash it.
(function () {
  "use strict";
  var target = document.getElementById("claim-target");
  if (!target) return;
  target.scrollIntoView({ block: "center" });
  target.classList.add("flash");
})();

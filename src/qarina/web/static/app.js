// Qarina: small progressive enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  // Ask before a rejection is written to the custody log.
  for (const button of document.querySelectorAll("button.danger")) {
    button.addEventListener("click", (event) => {
      if (!window.confirm("Record this rejection in the custody log?")) event.preventDefault();
    });
  }
  // Clicking a legend entry toggles that kind of highlight in the document text.
  const text = document.getElementById("doctext");
  for (const mark of document.querySelectorAll(".legend mark")) {
    mark.addEventListener("click", () => {
      const kind = [...mark.classList].find((c) => c.startsWith("span-"));
      if (!text || !kind) return;
      for (const span of text.querySelectorAll("mark." + kind)) span.classList.toggle(kind + "-off");
      mark.classList.toggle("off");
    });
  }
});

// Draw every report chart from its Chart.js configuration (made on the server from the same
// chart definition as the SVG of the PDF and the PNG of the Word file).
(function () {
  "use strict";
  if (typeof Chart === "undefined") return;
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) return;
    var config = JSON.parse(source.textContent);
    canvas.chart = new Chart(canvas, config);
  });
})();

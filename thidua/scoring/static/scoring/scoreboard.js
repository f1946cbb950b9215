// The scoreboard's charts, from the data the page embeds with json_script (Chart.js is served
// by the application itself).
(function () {
  var source = document.getElementById("scoreboard-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);
  var labels = data.labels;
  var palette = ["#b02a37", "#0d6efd", "#198754", "#fd7e14", "#6f42c1", "#20c997", "#6c757d",
    "#d63384", "#0dcaf0", "#ffc107"];
  var totals = document.getElementById("chart-totals");
  if (totals) {
    new Chart(totals, {
      type: "bar",
      data: {
        labels: data.units,
        datasets: [
          { label: labels.total, data: data.totals, backgroundColor: "#b02a37" },
          { label: labels.self_total, data: data.self_totals, backgroundColor: "#adb5bd" }
        ]
      },
      options: { responsive: true, animation: false, plugins: { legend: { position: "bottom" } } }
    });
  }
  var groups = document.getElementById("chart-groups");
  if (groups) {
    new Chart(groups, {
      type: "bar",
      data: {
        labels: data.units,
        datasets: data.groups.map(function (group, i) {
          return { label: group.title, data: group.points, backgroundColor: palette[i % palette.length] };
        })
      },
      options: {
        responsive: true,
        animation: false,
        plugins: { legend: { position: "bottom" } },
        scales: { x: { stacked: true }, y: { stacked: true } }
      }
    });
  }
  document.querySelectorAll("canvas[data-group]").forEach(function (canvas) {
    var group = data.groups[Number(canvas.dataset.group)];
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.units,
        datasets: [{ label: group.title, data: group.points, backgroundColor: palette[Number(canvas.dataset.group) % palette.length] }]
      },
      options: {
        responsive: true,
        animation: false,
        plugins: { legend: { display: false } },
        scales: { y: { beginAtZero: true, suggestedMax: group.maximum } }
      }
    });
  });
})();

// Charts from JSON the page embeds (no inline script). Every chart has the same figures in a
// table beside it, so nothing depends on seeing the chart.
(function () {
  "use strict";
  if (!window.Chart) { return; }
  var el = document.querySelector("[data-chart=trend]");
  var dataEl = document.getElementById("trend-data");
  if (!el || !dataEl) { return; }
  var rows = JSON.parse(dataEl.textContent);
  new Chart(el, {
    type: "bar",
    data: {
      labels: rows.map(function (r) { return r.month; }),
      datasets: [
        { label: "Sessions", data: rows.map(function (r) { return r.sessions; }), backgroundColor: "#1d4f91" },
        { label: "People", data: rows.map(function (r) { return r.people; }), backgroundColor: "#b35900" }
      ]
    },
    options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } } }
  });
})();

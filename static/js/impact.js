// Charts from JSON the page embeds (no inline script). Every chart has the same figures in a
// table beside it, so nothing depends on seeing the chart. Chart.js (70 KB compressed, and a
// quarter of a second of a cheap phone's time to start) is fetched only when the chart is about
// to scroll into view, so the figures above it are readable at once.
(function () {
  "use strict";
  var el = document.querySelector("[data-chart=trend]");
  var dataEl = document.getElementById("trend-data");
  if (!el || !dataEl) { return; }

  function draw() {
    var rows = JSON.parse(dataEl.textContent);
    new window.Chart(el, {
      type: "bar",
      data: {
        labels: rows.map(function (r) { return r.month; }),
        datasets: [
          { label: gettext("Sessions"), data: rows.map(function (r) { return r.sessions; }), backgroundColor: "#1d4f91" },
          { label: gettext("People"), data: rows.map(function (r) { return r.people; }), backgroundColor: "#b35900" }
        ]
      },
      options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: "bottom" } } }
    });
  }

  function load() {
    if (window.Chart) { draw(); return; }
    var script = document.createElement("script");
    script.src = el.dataset.chartSrc;
    script.onload = draw;
    document.head.appendChild(script);
  }

  if (!("IntersectionObserver" in window)) { load(); return; }
  var watcher = new IntersectionObserver(function (entries) {
    if (entries.some(function (entry) { return entry.isIntersecting; })) {
      watcher.disconnect();
      load();
    }
  }, { rootMargin: "200px" });
  watcher.observe(el);
})();

/* The 重点项目 list's map: the city's district outlines with a point per located project
   (GCJ-02, as the outlines are), coloured by status; a click opens the project's page.
   Points come from <script id="projects-map-data">, labels from the container's data-*. */
(function () {
  "use strict";
  var source = document.getElementById("projects-map-data");
  var box = document.getElementById("projects-map");
  if (!source || !box || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var labels = JSON.parse(box.dataset.statusLabels);
  var colors = { planned: "#6b7280", in_progress: "#1d4ed8", completed: "#16a34a", delayed: "#dc2626" };

  function series(status) {
    return {
      name: labels[status], type: "scatter", coordinateSystem: "geo", symbolSize: 10,
      itemStyle: { color: colors[status], opacity: 0.9 },
      data: data.points.filter(function (p) { return p[4] === status; })
    };
  }

  function draw(geo) {
    echarts.registerMap(data.mapName, geo);
    var chart = echarts.init(box, null, { renderer: "canvas" });
    var shown = Object.keys(colors).map(series).filter(function (s) { return s.data.length; });
    chart.setOption({
      animation: false,
      legend: { data: shown.map(function (s) { return s.name; }), top: 0 },
      tooltip: { trigger: "item", formatter: function (p) { return p.value ? p.value[2] : p.name; } },
      geo: { map: data.mapName, roam: true, nameProperty: "name", label: { show: true, fontSize: 11, color: "#374151" },
             itemStyle: { areaColor: "#f3f4f6", borderColor: "#9ca3af" },
             emphasis: { itemStyle: { areaColor: "#e5e7eb" } } },
      series: shown
    });
    chart.on("click", function (p) { if (p.value) window.location.href = "/projects/" + p.value[3]; });
    window.addEventListener("resize", function () { chart.resize(); });
    box.setAttribute("data-ready", "true");
  }

  fetch(data.mapUrl).then(function (r) { return r.ok ? r.json() : null; })
    .then(function (geo) { if (geo) draw(geo); });
})();

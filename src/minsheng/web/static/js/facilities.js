/* The 设施布局 page: the districts' outlines with the facilities of one type, the blind
   spots (residents beyond the service radius) and any new sites chosen. Points come from
   <script id="facilities-data"> (already in GCJ-02, as the outlines are), outlines from
   the map URL it names, Chinese labels from the container's data-label-* attributes. */
(function () {
  "use strict";
  var source = document.getElementById("facilities-data");
  var box = document.getElementById("facilities-map");
  if (!source || !box || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var text = box.dataset;

  function layer(name, points, color, size, symbol) {
    return {
      name: name, type: "scatter", coordinateSystem: "geo", data: points,
      symbol: symbol || "circle", symbolSize: size, itemStyle: { color: color, opacity: 0.85 },
      large: points.length > 2000, emphasis: { scale: 1.5 }
    };
  }

  function blindSize(point) {
    return Math.max(2, Math.min(8, Math.sqrt(point[2]) / 10));
  }

  function draw(geo) {
    echarts.registerMap(data.mapName, geo);
    var chart = echarts.init(box, null, { renderer: "canvas" });
    var series = [
      layer(text.labelBlind, data.blindSpots, "#dc2626", blindSize),
      layer(text.labelFacilities, data.facilities, "#1d4ed8", 6),
      layer(text.labelReached, data.newlyCovered || [], "#f59e0b", blindSize),
      layer(text.labelNew, data.newSites, "#16a34a", 18, "pin")
    ];
    chart.setOption({
      animation: false,
      legend: { data: series.map(function (s) { return s.name; }), top: 0 },
      tooltip: { trigger: "item", formatter: function (p) {
        if (p.seriesIndex === 0 || p.seriesIndex === 2) return p.seriesName + "：" + p.value[2] + text.labelPeople;
        if (p.seriesIndex === 3) return text.labelNew + "：" + text.labelCovers + p.value[2] + text.labelPeople;
        return p.value[2] || p.seriesName;
      } },
      geo: { map: data.mapName, roam: true, nameProperty: "name", label: { show: true, fontSize: 11, color: "#374151" },
             itemStyle: { areaColor: "#f3f4f6", borderColor: "#9ca3af" },
             emphasis: { itemStyle: { areaColor: "#e5e7eb" } } },
      series: series
    });
    window.addEventListener("resize", function () { chart.resize(); });
    box.setAttribute("data-ready", "true");
  }

  fetch(data.mapUrl).then(function (r) { return r.ok ? r.json() : null; })
    .then(function (geo) { if (geo) draw(geo); });
})();

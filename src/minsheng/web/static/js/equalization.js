/* The 均等化 page: a district map coloured by value and the trend of the spread.
   Numbers come from <script id="equalization-data">, outlines from the map URL it names,
   Chinese labels from the containers' data-label-* attributes. */
(function () {
  "use strict";
  var source = document.getElementById("equalization-data");
  if (!source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);

  function drawMap(geo) {
    var box = document.getElementById("equalization-map");
    if (!box) return;
    var text = box.dataset;
    echarts.registerMap(data.mapName, geo);
    var known = data.values.filter(function (v) { return v !== null; });
    var points = data.regions.map(function (name, i) {
      return { name: name, value: data.values[i] === null ? "-" : data.values[i] };
    });
    var chart = echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "item", formatter: function (p) {
        return p.name + "：" + (p.value === "-" || isNaN(p.value) ? text.labelNone : p.value + data.unit);
      } },
      visualMap: {
        min: known.length ? Math.min.apply(null, known) : 0,
        max: known.length ? Math.max.apply(null, known) : 1,
        text: [text.labelHigh, text.labelLow], calculable: true, left: "left", bottom: 10,
        inRange: { color: ["#dbeafe", "#60a5fa", "#1e40af"] }
      },
      series: [{ type: "map", map: data.mapName, nameProperty: "name", roam: false,
                 label: { show: true, fontSize: 11 }, emphasis: { label: { show: true } },
                 itemStyle: { borderColor: "#ffffff", borderWidth: 1, areaColor: "#e5e7eb" },
                 data: points }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  function drawTrend() {
    var box = document.getElementById("equalization-trend");
    if (!box || !data.years.length) return;
    var text = box.dataset;
    var chart = echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: data.years.map(function (y) { return y + text.labelYear; }) },
      yAxis: { type: "value", name: text.labelCv, scale: true },
      series: [{ name: text.labelCv, type: "line", data: data.cv, connectNulls: true,
                 symbolSize: 8, lineStyle: { color: "#0b5cad", width: 3 }, itemStyle: { color: "#0b5cad" } }]
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  drawTrend();
  if (data.mapUrl && document.getElementById("equalization-map")) {
    fetch(data.mapUrl).then(function (r) { return r.ok ? r.json() : null; })
      .then(function (geo) { if (geo) drawMap(geo); });
  }
})();

/* The indicator chart: baseline → observations → target, with the expected linear path.
   Reads its numbers from <script id="indicator-chart-data"> and its Chinese labels from the
   container's data-label-* attributes, so no page text lives here. */
(function () {
  "use strict";
  var container = document.getElementById("indicator-chart");
  var source = document.getElementById("indicator-chart-data");
  if (!container || !source || typeof echarts === "undefined") return;
  var data = JSON.parse(source.textContent);
  var text = container.dataset;
  var unit = data.unit ? "（" + data.unit + "）" : "";

  function targetLines() {
    var lines = [{ yAxis: data.target.low, name: data.target.high === null ? text.labelTarget : text.labelLow }];
    if (data.target.high !== null) lines.push({ yAxis: data.target.high, name: text.labelHigh });
    return {
      silent: true, symbol: "none",
      lineStyle: { color: "#b42318", type: "solid", width: 2 },
      label: { formatter: "{b}：{c}", position: "insideEndTop" },
      data: lines
    };
  }

  function band() {
    if (data.target.high === null) return undefined;
    return { silent: true, itemStyle: { color: "rgba(26,127,55,0.10)" },
             data: [[{ yAxis: data.target.low }, { yAxis: data.target.high }]] };
  }

  var observed = data.observed.slice();
  if (data.baseline) observed.unshift(data.baseline);
  var series = [
    { name: text.labelObserved, type: "line", data: observed, symbolSize: 8,
      lineStyle: { color: "#0b5cad", width: 3 }, itemStyle: { color: "#0b5cad" },
      markLine: targetLines(), markArea: band() },
    { name: text.labelPath, type: "line", data: data.path, symbol: "none",
      lineStyle: { type: "dashed", color: "#57606a", width: 2 }, itemStyle: { color: "#57606a" } }
  ];
  if (data.baseline) {
    series.push({ name: text.labelBaseline, type: "scatter", data: [data.baseline], symbolSize: 14,
                  itemStyle: { color: "#8a6100" }, z: 5 });
  }
  var values = observed.map(function (p) { return p[1]; })
    .concat(data.path.map(function (p) { return p[1]; }))
    .concat([data.target.low, data.target.high]).filter(function (v) { return v !== null; });
  var low = Math.min.apply(null, values), high = Math.max.apply(null, values);
  var pad = (high - low) * 0.15 || Math.abs(high) * 0.05 || 1;

  var chart = echarts.init(container, null, { renderer: "canvas" });
  chart.setOption({
    animation: false,
    color: ["#0b5cad", "#57606a", "#8a6100"],
    tooltip: { trigger: "axis" },
    legend: { top: 0, data: [text.labelObserved, text.labelPath, text.labelBaseline] },
    grid: { left: 60, right: 90, top: 40, bottom: 40 },
    xAxis: { type: "value", min: data.baseYear, max: data.targetYear, interval: 1,
             name: text.labelYear, axisLabel: { formatter: function (year) { return String(year); } } },
    yAxis: { type: "value", name: unit, scale: true,
             min: Math.floor((low - pad) * 100) / 100, max: Math.ceil((high + pad) * 100) / 100 },
    series: series
  });
  window.addEventListener("resize", function () { chart.resize(); });
  window.addEventListener("beforeprint", function () { chart.resize(); });
})();

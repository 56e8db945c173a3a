/* Review: the header checkbox selects or clears every row's checkbox (of the same name);
   without JavaScript each row is still picked one by one. */
(function () {
  "use strict";
  document.querySelectorAll("input[data-select-all]").forEach(function (all) {
    var name = all.dataset.selectAll;
    var boxes = function () {
      return document.querySelectorAll('input[type="checkbox"][name="' + name + '"]');
    };
    all.addEventListener("change", function () {
      boxes().forEach(function (box) { box.checked = all.checked; });
    });
    document.addEventListener("change", function (event) {
      if (event.target.name !== name) return;
      var list = Array.prototype.slice.call(boxes());
      all.checked = list.every(function (box) { return box.checked; });
      all.indeterminate = !all.checked && list.some(function (box) { return box.checked; });
    });
  });
})();

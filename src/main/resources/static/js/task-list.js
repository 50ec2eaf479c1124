// The task list's "select all" box for the bulk actions. Without this script the page
// works as well: the box stays hidden and each row is ticked on its own.
document.addEventListener('DOMContentLoaded', function () {
  var all = document.getElementById('select-all');
  if (!all) {
    return;
  }
  var boxes = function () {
    return document.querySelectorAll('input[type=checkbox][name=taskIds][form=bulk]');
  };
  all.closest('label').hidden = false;
  all.addEventListener('change', function () {
    boxes().forEach(function (box) {
      box.checked = all.checked;
    });
  });
  // the box says whether every row is ticked, some, or none
  boxes().forEach(function (box) {
    box.addEventListener('change', function () {
      var ticked = Array.prototype.filter.call(boxes(), function (b) { return b.checked; }).length;
      all.checked = ticked > 0 && ticked === boxes().length;
      all.indeterminate = ticked > 0 && ticked < boxes().length;
    });
  });
});

// Data tables reflow on a phone (issue 11): each cell gets its column's header as data-label, so the CSS of
// narrow screens can show a row as a card ("Status: Submitted"). Explicit roles keep the table a table
// for screen readers once the CSS no longer displays it as one. Without JavaScript the table scrolls
// inside itself instead, and the page still does not scroll sideways.
(function () {
  "use strict";
  var ROLES = { TABLE: "table", THEAD: "rowgroup", TBODY: "rowgroup", TFOOT: "rowgroup", TR: "row", TD: "cell" };

  function reflow(table) {
    var heads = Array.prototype.map.call(table.querySelectorAll("thead tr:last-child th"), function (th) {
      return th.textContent.trim();
    });
    if (!heads.length) { return; }
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var column = 0;
      Array.prototype.forEach.call(row.children, function (cell) {
        if (cell.colSpan === 1 && heads[column] && !cell.hasAttribute("data-label")) {
          cell.setAttribute("data-label", heads[column]);
        }
        column += cell.colSpan || 1;
      });
    });
    [table].concat(Array.prototype.slice.call(table.querySelectorAll("thead, tbody, tfoot, tr, td, th")))
      .forEach(function (el) {
        var role = el.tagName === "TH" ? (el.closest("thead") ? "columnheader" : "rowheader") : ROLES[el.tagName];
        if (role && !el.hasAttribute("role")) { el.setAttribute("role", role); }
      });
    table.classList.add("reflow");
  }

  document.querySelectorAll("main table:not(.matrix):not(.no-reflow)").forEach(reflow);
}());

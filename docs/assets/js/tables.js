// Sortable tables: Material's instant navigation swaps page content without reloading
// scripts, so tables are bound again on every page change.
document$.subscribe(function () {
  document.querySelectorAll("article table[data-sortable]").forEach(function (table) {
    if (!table.dataset.sortBound) {
      new Tablesort(table);
      table.dataset.sortBound = "true";
    }
  });
});

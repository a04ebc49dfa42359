"""Layout shifts of a page load, recorded in the page (Chromium's layout-shift entries)."""

# Layout shifts not caused by the reader, recorded from the start of the page's load; CLS sums
# them.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__shifts.push({
      value: entry.value,
      nodes: entry.sources.map((s) => (s.node ? s.node.nodeName + "." + s.node.className : "?")),
    });
  }
}).observe({ type: "layout-shift", buffered: true });
"""
SHIFTS_SO_FAR = """() => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(window.__shifts)));
})"""

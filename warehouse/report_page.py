"""The quality report's page: its style and script (inline, nothing fetched), tables and SVG bar charts."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

STYLE = """
*{box-sizing:border-box}
body{font-family:system-ui,"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:0 auto;padding:1rem 1.5rem;
 max-width:78rem;color:#222;line-height:1.5;overflow-wrap:anywhere}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.2rem;margin-top:2.2rem;border-bottom:2px solid #ddd}
h3{font-size:1rem;margin:1.4rem 0 .3rem}code{font-size:.8em;color:#666}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%;margin:.3rem 0}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.88rem}
th{background:#f3f3f3;white-space:nowrap}td.num{text-align:right}
table.fixed{table-layout:fixed;min-width:46rem}table.fixed th{white-space:normal}
td.msg{min-width:16rem}td.file{min-width:10rem}
th.sortable{cursor:pointer;user-select:none}th.sortable::after{content:" \\2195";color:#aaa}
th[aria-sort=ascending]::after{content:" \\2191";color:#333}
th[aria-sort=descending]::after{content:" \\2193";color:#333}
.banner{padding:.6rem .9rem;border-radius:4px;font-weight:600;margin:.5rem 0}
.banner.ok{background:#e7f5e9;color:#14532d}.banner.bad{background:#fde8e8;color:#8b1111}
.cards{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0}
.card{border:1px solid #ddd;border-radius:4px;padding:.35rem .8rem;min-width:6.5rem}
.card b{display:block;font-size:1.3rem}
.sev-error{color:#b00;font-weight:600}.sev-warning{color:#b45309;font-weight:600}.sev-info{color:#555}
.st-failed,.st-quarantined{color:#b00;font-weight:600}.st-partial{color:#b45309}.st-skipped{color:#777}
.muted{color:#777}.small{font-size:.82rem}.clean{color:#14532d}
.doc{border-left:3px solid #e3a008;padding-left:.8rem;margin:1rem 0}.doc.has-error{border-color:#b00}
.doc .meta{margin:0 0 .3rem;color:#444;font-size:.88rem}
.filters{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center;background:#fafafa;border:1px solid #eee;
 padding:.5rem .7rem;border-radius:4px}
.filters input{min-width:14rem;max-width:100%;padding:.25rem .4rem}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
figure{margin:0;flex:0 1 22rem;max-width:100%}figcaption{font-size:.85rem;color:#444}
svg{max-width:100%;height:auto;display:block}svg text{font-size:11px;fill:#333}
.bar-sangong{fill:#2563eb}.bar-share{fill:#059669}.bar-warning{fill:#e3a008}.bar-info{fill:#bbb}
.bar-error{fill:#b00}
pre{white-space:pre-wrap;margin:0;font-size:.8rem}
details{margin:.5rem 0}summary{cursor:pointer}
[hidden]{display:none!important}
"""

# Sort on a header click (numbers as numbers: a cell's data-sort, else its text); filter the findings by text
# and severity. No server, no library: the report is opened as a file.
SCRIPT = """
(function () {
  function key(cell) {
    var v = cell.getAttribute('data-sort');
    if (v === null) v = cell.textContent.trim();
    return v !== '' && isFinite(v) ? parseFloat(v) : v.toLowerCase();
  }
  function compare(x, y) {
    if (typeof x !== typeof y) return typeof x === 'number' ? -1 : 1;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  function sortBy(th) {
    var table = th.closest('table'), body = table.tBodies[0], i = th.cellIndex;
    var up = th.getAttribute('aria-sort') !== 'ascending';
    table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', up ? 'ascending' : 'descending');
    Array.prototype.slice.call(body.rows)
      .sort(function (a, b) { var c = compare(key(a.cells[i]), key(b.cells[i])); return up ? c : -c; })
      .forEach(function (row) { body.appendChild(row); });
  }
  document.querySelectorAll('table.sortable thead th').forEach(function (th) {
    th.classList.add('sortable');
    th.tabIndex = 0;
    th.setAttribute('role', 'button');
    th.title = '点击排序';
    th.addEventListener('click', function () { sortBy(th); });
    th.addEventListener('keydown', function (e) {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sortBy(th); }
    });
  });
  var text = document.getElementById('filter-text'), severity = document.getElementById('filter-severity');
  var shown = document.getElementById('filter-count');
  if (!text || !severity) return;
  function apply() {
    var q = text.value.trim().toLowerCase(), s = severity.value, rows = 0;
    document.querySelectorAll('[data-filter-group]').forEach(function (group) {
      var head = (group.getAttribute('data-filter-text') || '').toLowerCase(), visible = 0;
      group.querySelectorAll('tbody tr').forEach(function (tr) {
        var ok = (!s || tr.getAttribute('data-severity') === s) &&
          (!q || head.indexOf(q) >= 0 || tr.textContent.toLowerCase().indexOf(q) >= 0);
        tr.hidden = !ok;
        if (ok) visible++;
      });
      group.hidden = visible === 0;
      rows += visible;
    });
    if (shown) shown.textContent = q || s ? '显示 ' + rows + ' 行' : '';
  }
  text.addEventListener('input', apply);
  severity.addEventListener('change', apply);
})();
"""


def esc(value: object) -> str:
    return "" if value is None else html.escape(str(value))


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, a class, and the value it sorts by when that is not its text."""

    text: object
    css: str = ""
    sort: object = None
    markup: bool = False  # text is already HTML

    def render(self) -> str:
        css = f" class='{self.css}'" if self.css else ""
        sort = f" data-sort='{esc(self.sort)}'" if self.sort is not None else ""
        return f"<td{css}{sort}>{self.text if self.markup else esc(self.text)}</td>"


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[object]],
    sortable: bool = True,
    row_attrs: Sequence[str] = (),
    widths: Sequence[str] = (),
) -> str:
    """A table inside a container that scrolls when it is wider than the page; cells are Cell or plain values.
    `widths` fix the columns' widths ("" for the rest), so that tables of the same columns line up."""
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    columns = "".join(f"<col style='width:{w}'>" if w else "<col>" for w in widths)
    body = []
    for i, row in enumerate(rows):
        cells = "".join(c.render() if isinstance(c, Cell) else Cell(c).render() for c in row)
        attrs = f" {row_attrs[i]}" if i < len(row_attrs) and row_attrs[i] else ""
        body.append(f"<tr{attrs}>{cells}</tr>")
    css = " ".join(c for c in ("sortable" if sortable else "", "fixed" if widths else "") if c)
    return (
        f"<div class='scroll'><table class='{css}'><colgroup>{columns}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


@dataclass(frozen=True)
class Bar:
    label: str  # under the bar, up to two lines
    segments: tuple[tuple[float, str], ...]  # (value, css class), stacked bottom up
    text: str  # above the bar
    tooltip: str = ""


_PLOT_HEIGHT, _TOP, _SLOT, _LEFT = 110, 18, 64, 8


def bar_chart(title: str, bars: Sequence[Bar], ceiling: float | None = None) -> str:
    """A small vertical bar chart as inline SVG; `ceiling` fixes the scale (100 for a share)."""
    if not bars:
        return f"<figure><figcaption>{esc(title)}</figcaption><p class='muted small'>无数据</p></figure>"
    top = ceiling or max((sum(v for v, _ in b.segments) for b in bars), default=0) or 1
    width = _LEFT * 2 + _SLOT * max(len(bars), 3)
    height = _TOP + _PLOT_HEIGHT + 36
    base = _TOP + _PLOT_HEIGHT
    parts = [f"<line x1='{_LEFT}' y1='{base}' x2='{width - _LEFT}' y2='{base}' stroke='#999'/>"]
    for i, bar in enumerate(bars):
        x, y = _LEFT + i * _SLOT + 12, float(base)
        for value, css in bar.segments:
            h = _PLOT_HEIGHT * max(value, 0) / top
            y -= h
            parts.append(f"<rect class='{css}' x='{x}' y='{y:.1f}' width='{_SLOT - 24}' height='{h:.1f}'/>")
        centre = x + (_SLOT - 24) / 2
        parts.append(f"<text x='{centre}' y='{y - 4:.1f}' text-anchor='middle'>{esc(bar.text)}</text>")
        for n, line in enumerate(bar.label.split("\n")):
            parts.append(f"<text x='{centre}' y='{base + 14 + 13 * n}' text-anchor='middle'>{esc(line)}</text>")
        if bar.tooltip:
            parts.append(f"<rect x='{x - 6}' y='{_TOP}' width='{_SLOT - 12}' height='{_PLOT_HEIGHT + 20}' "
                         f"fill='transparent'><title>{esc(bar.tooltip)}</title></rect>")  # fmt: skip
    svg = (
        f"<svg role='img' aria-label='{esc(title)}' viewBox='0 0 {width} {height}' width='{width}' "
        f"height='{height}' xmlns='http://www.w3.org/2000/svg'>{''.join(parts)}</svg>"
    )
    return f"<figure><figcaption>{esc(title)}</figcaption>{svg}</figure>"

"""The quality report of a run: gate results and findings per document, one self-contained HTML file."""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import duckdb

_STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem;max-width:70rem;color:#222}
h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:2rem}table{border-collapse:collapse;width:100%}
td,th{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f3f3f3}.failed{color:#b00;font-weight:600}.passed{color:#070}.error{color:#b00}
.muted{color:#777}
"""


def _table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{'' if v is None else html.escape(str(v))}</td>" for v in row) + "</tr>" for row in rows
    )
    return f"<table><tr>{head}</tr>{body}</table>"


def write_quality_report(
    database: Path,
    gates: Sequence[tuple[str, str, bool, str]],
    published: bool,
    out: Path,
    files: Sequence[tuple[str, str, str]] = (),
) -> Path:
    """Write the report of the warehouse in `database`; `gates` are (check, table, passed, details), `files`
    every landed file as (name, status, reason), quarantined and failed first."""
    # a plain read-only connection, as readers open the file: this process may hold one already
    con = duckdb.connect(str(database), read_only=True)
    try:
        findings = con.execute(
            """SELECT coalesce(d.file_name, '(warehouse)'), d.extraction_status, f.severity, f.check_id,
                      f.page, f.message, f.expected, f.actual
               FROM marts.fct_quality_finding f LEFT JOIN marts.dim_document d USING (document_id)
               ORDER BY 1, f.page NULLS FIRST, f.check_id"""
        ).fetchall()
        listed = con.execute(
            """SELECT file_name, report_kind, department_name, fiscal_year, extraction_status, facts_total,
                      CASE WHEN facts_total > 0 THEN format('{:.0f} %', 100.0 * facts_confirmed / facts_total) END
               FROM marts.dim_document ORDER BY department_name NULLS LAST, fiscal_year, file_name"""
        ).fetchall()
    except Exception:  # the marts were never built (the raw gate failed): gates only
        findings, listed = [], []
    finally:
        con.close()
    documents = len(listed)
    by_document: dict[str, list[tuple]] = defaultdict(list)
    for row in findings:
        by_document[row[0]].append(row)
    status = "published" if published else "NOT published: a blocking gate failed"
    statuses = Counter(file_status for _, file_status, _ in files)
    parts = [
        f"<h1>yusuan quality report</h1><p>{datetime.now(UTC):%Y-%m-%d %H:%M} UTC · {documents} documents · "
        f"{len(findings)} findings · <span class='{'passed' if published else 'failed'}'>{status}</span></p>",
        "<h2>Files</h2>",
        f"<p>{html.escape(', '.join(f'{n} {s}' for s, n in statuses.most_common()) or 'none')}. Quarantined "
        "documents' facts are held back from the fact marts (schema <code>quarantine</code>); skipped files are "
        "in no report format and were not read.</p>",
        _table(["file", "status", "reason"], files),
        "<h2>Documents</h2>",
        "<p>Money facts read from each document, and the share another statement of the same document confirms "
        "(the text or another table prints the same figure, or an identity of totals and parts holds): a low share "
        "means figures read once, to be looked at.</p>",
        _table(["file", "kind", "department", "year", "status", "money facts", "confirmed"], listed),
        "<h2>Gates</h2>",
        _table(
            ["check", "table", "result", "failed expectations"],
            [(name, table, "passed" if ok else "FAILED", detail) for name, table, ok, detail in gates],
        ),
        "<h2>Findings by document</h2>",
    ]
    if not by_document:
        parts.append("<p class='muted'>No findings.</p>")
    for document, rows in sorted(by_document.items()):
        parts.append(f"<h3>{html.escape(document)} <span class='muted'>({rows[0][1] or ''})</span></h3>")
        parts.append(_table(["severity", "check", "page", "message", "expected", "actual"], [r[2:] for r in rows]))
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(
        f"<!doctype html><html lang='zh'><meta charset='utf-8'><title>yusuan quality report</title>"
        f"<style>{_STYLE}</style><body>{''.join(parts)}</body></html>",
        encoding="utf-8",
    )
    return out

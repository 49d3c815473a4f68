"""One misread report never stops the warehouse: it is quarantined, the rest is published; the warehouse's
own integrity still blocks (tests/integration/test_run.py)."""

from __future__ import annotations

import re
import shutil
from decimal import Decimal

from tests.conftest import SEEDS
from tests.helpers import file_digest, query, run_cli

JUNSHAN = SEEDS / "001_66e78293cd0851a8.txt"


def test_a_misread_document_is_quarantined_and_the_good_ones_are_published(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for name in ("003_5069244cfe29a9a5.txt", "004_49c7c66149f159f0.txt"):
        shutil.copy(SEEDS / name, landing / name)
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    assert run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))[0] == 0
    before = file_digest(warehouse)
    good_sangong = query(warehouse, "SELECT count(*) FROM marts.fct_sangong")[0][0]
    assert good_sangong > 0
    # the 三公 table printed in 元 under a 万元 header: 5.42 万元 becomes "54200.00"
    text = JUNSHAN.read_text(encoding="utf-8")
    misread = text.replace("\t5.42\n\t5.32\n\t2.14\n", "\t54200.00\n\t53200.00\n\t21400.00\n")
    assert misread != text
    (landing / "misread.txt").write_text(misread, encoding="utf-8")

    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))

    assert code == 0, out
    assert "documents: 3 seen, 1 new, 0 failed, 1 quarantined" in out
    assert out.splitlines()[3] == (
        "  quarantined misread.txt: quarantined, its facts held back: 三公 total actual 2022 of 54200 万元 is beyond "
        "1 亿元 a year for one department: a unit misread (元 as 万元?) (no page, printed 54200.00) "
        "(and 5 more implausible facts)"
    )
    assert file_digest(warehouse) != before  # the new warehouse replaced the last one
    [(document_id, status)] = query(
        warehouse, "SELECT document_id, extraction_status FROM marts.dim_document WHERE file_name = 'misread.txt'"
    )
    assert status == "quarantined"
    for mart in ("fct_sangong", "fct_budget_line", "fct_performance_evaluation", "fct_performance_indicator"):
        assert query(warehouse, f"SELECT count(*) FROM marts.{mart} WHERE document_id = ?", [document_id]) == [(0,)]
    # held back, not lost: the analyst sees what was read
    held = query(
        warehouse,
        "SELECT amount_wan FROM quarantine.sangong WHERE document_id = ? AND category = 'total' ORDER BY 1",
        [document_id],
    )
    assert [Decimal(a) for (a,) in held][-1] == Decimal("54200.00")
    assert query(warehouse, "SELECT count(*) FROM quarantine.indicator WHERE document_id = ?", [document_id]) != [(0,)]
    assert query(warehouse, "SELECT count(*) FROM marts.fct_sangong") == [(good_sangong,)]
    checks = {
        row[0]
        for row in query(
            warehouse, "SELECT check_id FROM marts.fct_quality_finding WHERE document_id = ?", [document_id]
        )
    }
    assert {"document_quarantined", "amount_implausible"} <= checks
    report = (warehouse.parent / "reports" / "quality.html").read_text(encoding="utf-8")
    assert re.search(
        r"<td>misread\.txt</td><td class='st-quarantined'[^>]*>已隔离</td>"
        r"<td>金额不合常理<div[^>]*>quarantined, its facts held back: 三公 total",
        report,
    )

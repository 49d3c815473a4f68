"""`yusuan run` end to end: seeds → published warehouse, idempotence, and gates that block publication."""

import json
import shutil
from decimal import Decimal

from orchestration import settings
from tests.conftest import SEEDS
from tests.helpers import file_digest, query, run_cli

MARTS = ("dim_document", "fct_sangong", "fct_quality_finding")


def test_seeds_are_published_with_documents_and_sangong(seeds_run):
    _, warehouse, code, out = seeds_run
    assert code == 0, out
    assert "documents: 5 seen, 5 new, 0 failed" in out
    assert f"published {warehouse}" in out
    documents = query(
        warehouse,
        "SELECT department_name, report_kind, fiscal_year FROM marts.dim_document ORDER BY file_name",
    )
    assert documents == [
        ("中共江永县委办公室", "dept_performance", 2023),
        ("中共岳阳市君山区委办公室", "dept_performance", 2023),
        ("沅江市委办公室", "special_fund_evaluation", 2021),
        ("衡山县人民政府办公室", "dept_performance", 2023),
        ("中共峨边彝族自治县委办公室", "final_accounts", 2024),
    ]
    sangong = """
        SELECT s.fiscal_year, s.measure, s.amount_wan FROM marts.fct_sangong s
        JOIN marts.dim_document d USING (document_id)
        WHERE d.department_name = ? AND s.category = ? ORDER BY 1, 2"""

    def rows(dept, cat):
        return query(warehouse, sangong, [dept, cat])

    assert rows("中共岳阳市君山区委办公室", "reception") == [
        (2022, "actual", Decimal("5.42")),
        (2023, "actual", Decimal("2.14")),
        (2023, "budget", Decimal("5.32")),
    ]
    assert (2023, "actual", Decimal("10.02")) in rows("衡山县人民政府办公室", "total")
    assert (2023, "actual", Decimal("4")) in rows("衡山县人民政府办公室", "vehicle_operation")


def test_second_run_parses_nothing_and_publishes_identical_marts(seeds_run):
    landing, warehouse, _, _ = seeds_run
    before = {t: query(warehouse, f"SELECT * FROM marts.{t} ORDER BY ALL") for t in MARTS}
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    assert "documents: 5 seen, 0 new, 0 failed" in out
    assert {t: query(warehouse, f"SELECT * FROM marts.{t} ORDER BY ALL") for t in MARTS} == before


def test_corrupted_raw_data_fails_the_gate_and_keeps_the_published_file(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for name in ("001_66e78293cd0851a8.txt", "003_5069244cfe29a9a5.txt"):
        shutil.copy(SEEDS / name, landing / name)
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    assert run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))[0] == 0
    published = file_digest(warehouse)

    # corrupt the extraction cache: the second document claims the first one's id (a duplicated row)
    entries = sorted(settings.cache_dir(warehouse).rglob("*.json"))
    first, second = (json.loads(p.read_text(encoding="utf-8")) for p in entries)
    second["tables"]["document"][0]["document_id"] = first["tables"]["document"][0]["document_id"]
    entries[1].write_text(json.dumps(second, ensure_ascii=False), encoding="utf-8")

    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 1, out
    assert "FAILED raw/document gx_raw__document" in out
    assert "expect_column_values_to_be_unique(column=document_id)" in out
    assert "NOT published" in out
    assert file_digest(warehouse) == published


def test_unreadable_files_are_recorded_and_the_good_one_is_loaded(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    shutil.copy(SEEDS / "001_66e78293cd0851a8.txt", landing / "good.txt")
    (landing / "empty.pdf").write_bytes(b"")
    (landing / "page.pdf").write_text("<html><body>404 Not Found</body></html>")
    (landing / "broken.docx").write_text("not a zip")
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    assert "documents: 4 seen, 4 new, 3 failed" in out
    statuses = dict(query(warehouse, "SELECT file_name, extraction_status FROM marts.dim_document"))
    assert statuses == {
        "good.txt": "ok",
        "empty.pdf": "failed",
        "page.pdf": "failed",
        "broken.docx": "failed",
    }
    messages = dict(
        query(
            warehouse,
            """SELECT d.file_name, f.message FROM marts.fct_quality_finding f
               JOIN marts.dim_document d USING (document_id) WHERE f.check_id = 'file_unreadable'""",
        )
    )
    assert messages == {
        "empty.pdf": "empty.pdf: empty file (0 bytes)",
        "page.pdf": "page.pdf: not a PDF (no %PDF header)",
        "broken.docx": "broken.docx: not a .docx file (not a zip package)",
    }
    good = query(
        warehouse,
        """SELECT count(*) FROM marts.fct_sangong JOIN marts.dim_document USING (document_id)
           WHERE file_name = 'good.txt'""",
    )
    assert good == [(18,)]


def test_deleted_file_disappears_from_the_next_warehouse(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for name in ("000_4d800827b66f7bef.txt", "002_62ac2a61d3324a6b.txt"):
        shutil.copy(SEEDS / name, landing / name)
    warehouse = tmp_path / "wh" / "yusuan.duckdb"
    assert run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))[0] == 0
    (landing / "002_62ac2a61d3324a6b.txt").unlink()
    code, out = run_cli("run", "--landing", str(landing), "--warehouse", str(warehouse))
    assert code == 0, out
    assert query(warehouse, "SELECT file_name FROM marts.dim_document") == [("000_4d800827b66f7bef.txt",)]

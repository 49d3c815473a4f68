import pytest
import yaml

from ingest.extract.classify import classify
from ingest.readers import read
from tests.conftest import CORPUS_PDF, GOLDEN, SEEDS

SEED_FILES = sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", SEED_FILES)
def test_seed_document_fields_match_golden(name):
    expected = yaml.safe_load((GOLDEN / name.replace(".txt", ".yaml")).read_text(encoding="utf-8"))["document"]
    found = classify(read(SEEDS / name))
    assert found.report_kind == expected["report_kind"]
    assert found.department_name == expected["department_name"]
    assert found.fiscal_year == expected["fiscal_year"]
    assert found.self_eval_score == expected.get("self_eval_score")
    assert found.self_eval_grade == expected.get("self_eval_grade")


def test_title_split_over_lines_with_year_below():
    # the Shanghai 决算 cover prints "上海市普陀区财政局" / "年度部门决算" / "2024"
    found = classify(read(CORPUS_PDF / "shanghai_putuo_caizhengju_2024_juesuan.pdf"))
    assert (found.report_kind, found.department_name, found.fiscal_year) == (
        "final_accounts", "上海市普陀区财政局", 2024,
    )  # fmt: skip


def test_budget_document_name_before_year():
    found = classify(read(CORPUS_PDF / "jiangsu_shengweibangongting_2019_yusuan_wenjian.pdf"))
    assert (found.report_kind, found.department_name, found.fiscal_year) == ("budget", "江苏省委办公厅", 2019)

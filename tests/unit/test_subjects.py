"""科目 named in words get their national code: by the report's own statements first, else the catalogue."""

from datetime import datetime
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.extract.subjects import code_of, names_of
from ingest.pipeline import process
from tests.conftest import SHARED

CORPUS = SHARED / "corpus"


@pytest.mark.parametrize(
    ("path", "code"),
    [
        ((("类", "住房保障支出"), ("款", "住房改革支出"), ("项", "提租补贴")), ("by_function", "2210202")),
        # a 类 printed without its 支出, a 款 renamed in 2019, a 项 numbered alike under every 款
        ((("类", "社会保障和就业"), ("款", "行政事业单位离退休"), ("项", "未归口管理的行政单位离退休")),
         ("by_function", "2080504")),
        ((("类", "一般公共服务支出"), ("款", "政协事务"), ("项", "行政运行")), ("by_function", "2010201")),
        ((("款", "政协事务"), ("项", "其他政协事务支出")), ("by_function", "2010299")),
        ((("类", "工资福利支出"), ("款", "基本工资")), ("by_economic", "30101")),
        ((("类", "对个人和家庭的补助支出"), ("款", "提租补贴")), ("by_economic", "30312")),
        # "其它" for 其他; a 项 numbered 99 under a 款 renamed in 2021
        ((("类", "社会保障和就业支出"), ("款", "行政事业单位养老支出"), ("项", "其它行政事业单位养老支出")),
         ("by_function", "2080599")),
        ((("类", "农林水支出"), ("款", "巩固脱贫衔接乡村振兴"), ("项", "其他巩固脱贫衔接乡村振兴支出")),
         ("by_function", "2130599")),
        # a stale 类 carried from a heading does not hide a 款 + 项 that are known on their own
        ((("类", "住房保障支出"), ("款", "政协事务"), ("项", "政协会议")), ("by_function", "2010204")),
    ],
)  # fmt: skip
def test_a_path_of_names_gets_the_national_code(path, code):
    assert code_of(path, {}) == code


def test_a_report_that_prints_its_own_names_is_asked_first():
    own = names_of([("2019901", "数据中心运维")])  # a 项 the national list here does not hold
    path = (("类", "一般公共服务支出"), ("款", "其他一般公共服务支出"), ("项", "数据中心运维"))
    assert code_of(path, {}) is None
    assert code_of(path, own) == ("by_function", "2019901")


def test_a_narrative_only_budget_gives_its_subject_lines_with_codes():
    """The Jiangsu 说明 file of 政协 2018 prints no table: every 功能分类 item is named in words."""
    source = CORPUS / "real" / "jiangsu_zhengxie_2018_yusuan_wenjian.pdf"
    lines = process(LandedFile(source, sha256_of(source)), datetime(2026, 1, 1))["budget_line"]
    coded = {(r["line_code"], r["amount_wan"]) for r in lines if r["statement"] == "by_function"}
    assert ("2010201", Decimal("4432.78")) in coded  # 政协事务（款）行政运行（项）4,432.78 万元
    assert ("2080504", Decimal("252.82")) in coded  # 行政事业单位离退休（款）未归口管理的行政单位离退休（项）
    assert ("2210202", Decimal("1107.60")) in coded  # 住房改革支出（款）提租补贴（项）
    assert not [r for r in lines if "/" in r["line_code"]]  # every named 科目 was coded


def test_a_prior_year_budget_and_an_execution_beside_each_item_are_read():
    """The re-rendered 万里街道 2025 budget prints "…（项）”43.83万元，上年:25.77万元" and "2023年当年预算执行数为15.00万"."""
    source = CORPUS / "real" / "shanghai_putuo_wanli_2025_bumen_yusuan_rerender.pdf"
    lines = process(LandedFile(source, sha256_of(source)), datetime(2026, 1, 1))["budget_line"]
    text = {(r["line_code"], r["fiscal_year"], r["measure"]): r["amount_wan"] for r in lines if r["source"] == "text"}
    assert text[("2010507", 2025, "initial_budget")] == Decimal("43.83")
    assert text[("2010507", 2024, "initial_budget")] == Decimal("25.77")
    assert text[("2040607", 2023, "actual")] == Decimal("15.00")


def test_a_name_may_hold_an_enumeration_comma():
    """江苏检察院 2018 p26: "公诉、审判、侦查、执行等检察监督支出（项）1,895万元" is one 项 (2040405)."""
    source = CORPUS / "real" / "jiangsu_jianchayuan_2018_yusuan.pdf"
    lines = process(LandedFile(source, sha256_of(source)), datetime(2026, 1, 1))["budget_line"]
    text = {(r["line_code"], r["amount_wan"]) for r in lines if r["source"] == "text"}
    assert ("2040405", Decimal("1895.0000")) in text

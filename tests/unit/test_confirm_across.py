"""Identities whose figures two statements print (../shared/STATEMENTS.md §2): a 三公 total in the table and its
parts in the 说明, 财政拨款 = 一般公共预算 + 政府性基金 across the 收支总表 and the text. A combination that holds
confirms its figures; one that does not, or a line the report prints twice differently, confirms nothing."""

from __future__ import annotations

import copy
import dataclasses
from datetime import datetime
from decimal import Decimal

import pytest

from ingest.discover import LandedFile, sha256_of
from ingest.document import Paragraph
from ingest.extract.reconcile import confirm, confirm_completion, confirm_listed, confirm_shares
from ingest.pipeline import process
from ingest.readers import read
from tests.conftest import SHARED

REAL = SHARED / "corpus" / "real"


def _process(name: str) -> dict:
    path = REAL / name
    return process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))


@pytest.fixture(scope="module")
def gaoyuan() -> dict:
    return _process("jiangsu_gaoyuan_2017_yusuan.pdf")


@pytest.fixture(scope="module")
def caizhengju() -> dict:
    return _process("shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf")


def _sangong(tables: dict, category: str) -> dict:
    return next(r for r in tables["sangong"] if r["category"] == category)


def _line(tables: dict, code: str, source: str) -> dict:
    return next(r for r in tables["budget_line"] if (r["line_code"], r["source"]) == (code, source))


def _reconfirmed(tables: dict, change: dict[tuple[str, str], str] | None = None) -> tuple[list[dict], list[dict]]:
    """The document's money facts confirmed afresh, with some amounts changed ((line or category, source) →
    amount)."""
    lines, sangong = copy.deepcopy(tables["budget_line"]), copy.deepcopy(tables["sangong"])
    for record in (*lines, *sangong):
        record["confirmed"] = False
        amount = (change or {}).get((record.get("line_code") or record["category"], record["source"]))
        if amount is not None:
            record["amount_wan"], record["value_raw"] = Decimal(amount), amount
    confirm(lines, sangong)
    return lines, sangong


def test_a_sangong_total_in_the_table_confirms_the_parts_the_text_states(gaoyuan):
    # the table p17 prints 合计 670.12, 出国 180.00, 公务用车 304.40; the 说明 p25 公务接待 185.72, 购置 0, 运行 304.4
    assert (_sangong(gaoyuan, "total")["source"], _sangong(gaoyuan, "reception")["source"]) == ("table", "text")
    assert {(r["category"], r["amount_wan"], r["confirmed"]) for r in gaoyuan["sangong"]} == {
        ("total", Decimal("670.12"), True),
        ("outbound_travel", Decimal("180.00"), True),
        ("vehicle_total", Decimal("304.40"), True),
        ("vehicle_purchase", Decimal("0"), True),
        ("vehicle_operation", Decimal("304.4"), True),
        ("reception", Decimal("185.72"), True),
    }


def test_a_sangong_part_that_does_not_add_up_across_statements_is_not_confirmed(gaoyuan):
    # beyond the rounding of the figures as printed (the text's "0万元" may be anything below 0.5万元)
    _, sangong = _reconfirmed(gaoyuan, {("reception", "text"): "175.72"})
    confirmed = {r["category"]: r["confirmed"] for r in sangong}
    assert not confirmed["reception"] and not confirmed["total"]
    assert confirmed["vehicle_purchase"]  # 公务用车 304.40 = 购置 0 + 运行 304.4 still holds


def test_a_zero_fund_is_confirmed_by_the_appropriation_it_leaves_to_the_general_budget(caizhengju):
    # 说明 p7: 财政拨款收入3,121.42万元 … 一般公共预算3,121.42万元，政府性基金0万元
    fund = _line(caizhengju, "government_fund", "text")
    assert (fund["amount_wan"], fund["confirmed"]) == (Decimal("0"), True)


def test_a_fund_the_appropriation_does_not_leave_room_for_is_not_confirmed(caizhengju):
    lines, _ = _reconfirmed(caizhengju, {("government_fund", "text"): "12.50"})
    assert not next(r for r in lines if r["line_code"] == "government_fund")["confirmed"]


def test_a_line_printed_with_two_amounts_takes_part_in_no_identity_across_statements():
    # 单位预算 p8 splits 基本支出 into 人员 20,374,181 / 公用 1,744,680, p18 into 20,272,981.00 / 1,845,880.34:
    # both add up to 22,118,861.34, but the report contradicts itself, so the 收支总表's split stays unconfirmed
    tables = _process("shanghai_putuo_sifaju_2026_danwei_yusuan.pdf")
    summary = [r for r in tables["budget_line"] if r["statement"] == "summary" and r["source"] == "table"]
    split = {r["line_code"]: r["confirmed"] for r in summary if r["line_code"].endswith("nel_expenditure")}
    assert split == {"personnel_expenditure": False}


def test_the_organs_running_cost_printed_as_the_public_expenditure_is_confirmed():
    # 说明 p22: 公用经费3580.05万元; p24: 一般公共预算机关运行经费预算支出3580.05万元
    tables = _process("jiangsu_gaoyuan_2019_yusuan.pdf")
    organs = _line(tables, "operating_expenditure_of_organs", "text")
    assert (organs["amount_wan"], organs["confirmed"]) == (Decimal("3580.05"), True)
    lines, _ = _reconfirmed(tables, {("operating_expenditure_of_organs", "text"): "3508.05"})
    assert not next(r for r in lines if r["line_code"] == "operating_expenditure_of_organs")["confirmed"]


def test_an_organs_running_cost_of_another_scope_than_the_public_expenditure_is_not_confirmed():
    # 2017: 机关运行经费 10101.76万元 (its new, wider scope) beside 公用经费 2144.60万元, and printed once
    tables = _process("jiangsu_shengweiban_2017_yusuan_wenjian.pdf")
    organs = _line(tables, "operating_expenditure_of_organs", "text")
    assert (organs["amount_wan"], organs["confirmed"]) == (Decimal("10101.76"), False)


def _listed(name: str, change: tuple[str, str] | None = None, how=confirm_listed) -> list[dict]:
    """The document's text figures confirmed afresh by the lists (or the shares, the completion) of its 说明 only,
    with one printed amount changed (old → new text)."""
    path = REAL / name if "/" not in name else SHARED / "corpus" / name
    doc, tables = read(path), process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))
    if change:
        doc.blocks = [
            dataclasses.replace(b, text=b.text.replace(*change)) if isinstance(b, Paragraph) else b for b in doc.blocks
        ]
    lines = [r | {"confirmed": False} for r in (*tables["budget_line"], *tables["sangong"]) if r["source"] == "text"]
    how(doc, [r for r in lines if "line_code" in r], [r for r in lines if "category" in r])
    return lines


def test_a_whole_the_text_lists_with_parts_that_add_up_is_confirmed():
    # p22: 政府采购预算117.00万元，其中：政府采购货物预算17.00万元、政府采购工程预算0万元、政府采购服务预算100.00万元
    lines = _listed("shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf")
    procurement = next(r for r in lines if r["line_code"] == "government_procurement")
    assert (procurement["amount_wan"], procurement["confirmed"]) == (Decimal("117.00"), True)
    lines = _listed("shanghai_putuo_caizhengju_2025_bumen_yusuan.pdf", ("货物预算17.00万元", "货物预算18.00万元"))
    assert not next(r for r in lines if r["line_code"] == "government_procurement")["confirmed"]


def test_a_whole_whose_parts_follow_one_per_line_across_a_page_number_is_confirmed():
    # p8: 本年收入预算合计 9,146.79 万元,其中: / 一般公共预算收入 9,066.79 万元,占 99.13%; / 其他资金 80 万元
    lines = _listed("jiangsu_zhengxie_2017_yusuan_wenjian.pdf")
    income = next(r for r in lines if r["line_code"] == "total_income")
    assert (income["amount_wan"], income["page"], income["confirmed"]) == (Decimal("9146.79"), 8, True)
    # 本年支出预算合计 9,146.79 万元 = 基本 5,916.27 + 项目 3,123.68 + 单位预留机动经费 106.84, across "8" (p8 → p9)
    assert next(r for r in lines if r["line_code"] == "total_expenditure" and r["page"] == 8)["confirmed"]
    lines = _listed("jiangsu_zhengxie_2017_yusuan_wenjian.pdf", ("其他资金 80 万元", "其他资金 60 万元"))
    assert not next(r for r in lines if r["line_code"] == "total_income")["confirmed"]
    assert next(r for r in lines if r["line_code"] == "total_expenditure" and r["page"] == 8)["confirmed"]


def test_a_whole_whose_parts_are_numbered_with_their_own_parts_below_them_is_confirmed():
    # p9: (一)收入预算总计 13,377.11 万元。包括: / 1.财政拨款收入预算总计 13,297.11 万元。/ (1)一般公共预算收入预算
    # 13,297.11 万元 / (2)政府性基金收入预算 0 万元 / 2.财政专户管理资金…0 万元 / 3.其他资金…80 万元 / 4.上年结转资金…0 万元
    lines = _listed("jiangsu_zhengxie_2019_yusuan_wenjian.pdf")
    total = next(r for r in lines if r["line_code"] == "grand_total" and r["statement"] == "summary")
    assert (total["amount_wan"], total["confirmed"]) == (Decimal("13377.11"), True)
    appropriation = next(r for r in lines if r["line_code"] == "fiscal_appropriation")
    assert (appropriation["amount_wan"], appropriation["confirmed"]) == (Decimal("13297.11"), True)


def test_a_whole_with_its_items_listed_across_a_page_is_confirmed_only_when_they_add_up():
    # p17–18: 机关运行经费支出预算 3,348.98 万元 …其中: (1)办公费 167.03 万元 … (12)办公设备购置 95 万元
    lines = _listed("jiangsu_zhengxie_2017_yusuan_wenjian.pdf")
    assert next(r for r in lines if r["line_code"] == "operating_expenditure_of_organs")["confirmed"]
    lines = _listed("jiangsu_zhengxie_2017_yusuan_wenjian.pdf", ("会议费(款)支出 1,094.62", "会议费(款)支出 1,049.62"))
    assert not next(r for r in lines if r["line_code"] == "operating_expenditure_of_organs")["confirmed"]


def test_sangong_parts_whose_printed_shares_of_their_sum_hold_are_confirmed():
    # p15: 因公出国(境)费支出 106 万元,占“三公”经费的 16.06%;公务用车购置及运行维护费支出 156.6 万元,占…23.72%;
    # 公务接待费支出 397.5 万元,占…60.22%
    lines = _listed("jiangsu_zhengxie_2019_yusuan_wenjian.pdf", how=confirm_shares)
    confirmed = {r["category"]: r["confirmed"] for r in lines if "category" in r and r["page"] == 15}
    assert confirmed == {"outbound_travel": True, "vehicle_total": True, "reception": True}
    lines = _listed(
        "jiangsu_zhengxie_2019_yusuan_wenjian.pdf", ("公务接待费支出 397.5", "公务接待费支出 379.5"), confirm_shares
    )
    assert not any(r["confirmed"] for r in lines if "category" in r and r["page"] == 15)


def test_sangong_items_add_up_to_the_total_with_the_categories_left_blank_as_nil():
    # p11: 合计 509.20, 因公出国(境)费 70.00, 公务用车 411.20 (购置 blank, 运行维护 411.20), 公务接待费 28.00
    tables = _process("jiangsu_shengweiban_2017_yusuan_biaoge.pdf")
    assert "vehicle_purchase" not in {r["category"] for r in tables["sangong"]}
    operation = _sangong(tables, "vehicle_operation")
    assert (operation["amount_wan"], operation["confirmed"]) == (Decimal("411.20"), True)
    _, sangong = _reconfirmed(tables, {("reception", "table"): "26.00"})
    assert not next(r for r in sangong if r["category"] == "vehicle_operation")["confirmed"]


def test_a_sangong_total_with_one_item_printed_is_not_confirmed_by_it():
    tables = _process("jiangsu_shengweiban_2017_yusuan_biaoge.pdf")
    sangong = [r | {"confirmed": False} for r in tables["sangong"] if r["category"] in ("total", "vehicle_operation")]
    confirm([], sangong)
    assert not any(r["confirmed"] for r in sangong)


def test_shares_a_page_number_cuts_in_two_are_read_as_one_sentence():
    # p15: "…公务接待费支出384.75万元,占" / "─ 13 ─ “三公”经费的50.12%。"
    lines = _listed("jiangsu_renda_2019_yusuan_wenjian.pdf", how=confirm_shares)
    confirmed = {r["category"]: r["confirmed"] for r in lines if "category" in r and r["page"] == 15}
    assert confirmed["outbound_travel"] and confirmed["reception"]
    lines = _listed("jiangsu_renda_2019_yusuan_wenjian.pdf", ("经费的50.12%", "经费的51.12%"), confirm_shares)
    assert not any(r["confirmed"] for r in lines if "category" in r and r["page"] == 15)


def test_a_statement_total_its_classes_add_up_to_is_confirmed():
    # 收支预算总表 p1: 当年支出小计 10,150.48 = 一般公共服务 7,827.46 + 社会保障和就业 823.76 + 住房保障 1,499.26
    tables = _process("jiangsu_zhengxie_2018_yusuan_biao.pdf")
    summary = {
        r["line_code"]: r for r in tables["budget_line"] if (r["statement"], r["source"]) == ("summary", "table")
    }
    assert (summary["total_expenditure"]["amount_wan"], summary["total_expenditure"]["confirmed"]) == (
        Decimal("10150.48"),
        True,
    )
    assert summary["201"]["confirmed"]
    lines, _ = _reconfirmed(tables, {("208", "table"): "832.76"})
    summary = {r["line_code"]: r for r in lines if (r["statement"], r["source"]) == ("summary", "table")}
    assert not summary["total_expenditure"]["confirmed"] and not summary["201"]["confirmed"]


def test_an_organs_running_cost_table_total_its_economic_classes_add_up_to_is_confirmed():
    # 机关运行经费表 p10: 10,101.76 = 302 商品和服务支出 10,011.76 + 310 其他资本性支出 90.00
    tables = _process("jiangsu_shengweiban_2017_yusuan_biaoge.pdf")
    organs = _line(tables, "operating_expenditure_of_organs", "table")
    assert (organs["amount_wan"], organs["confirmed"]) == (Decimal("10101.76"), True)
    lines, _ = _reconfirmed(tables, {("310", "table"): "95.00"})
    assert not next(r for r in lines if r["line_code"] == "operating_expenditure_of_organs")["confirmed"]


def test_a_budget_and_its_outturn_the_completed_share_of_which_holds_are_confirmed():
    # "“三公”经费财政拨款支出年初预算为22.00万元,支出决算为8.77万元,完成预算的39.86%"
    excerpt = "excerpts/shanghai_jiading_sifaju_2017_sangong_juesuan.txt"
    lines = _listed(excerpt, how=confirm_completion)
    total = {r["measure"]: r for r in lines if r.get("category") == "total"}
    assert (total["budget"]["amount_wan"], total["budget"]["confirmed"]) == (Decimal("22.00"), True)
    assert total["actual"]["confirmed"]
    lines = _listed(excerpt, ("完成预算的39.86%", "完成预算的38.96%"), confirm_completion)
    assert not any(r["confirmed"] for r in lines if r.get("category") == "total")


def test_a_nil_outturn_confirms_no_budget():
    # p21: 一般公共预算财政拨款支出年初预算为 2993.92 万元,支出决算为 2940.05 万元,完成年初预算的 98.20%
    report = "pdf/shanghai_putuo_caizhengju_2024_juesuan.pdf"
    lines = _listed(report, how=confirm_completion)
    initial = next(
        r for r in lines if (r.get("line_code"), r["measure"]) == ("general_public_budget", "initial_budget")
    )
    assert (initial["amount_wan"], initial["confirmed"]) == (Decimal("2993.92"), True)
    lines = _listed(report, ("支出决算为 2940.05 万元,完成年初预算的 98.20%", "支出决算为 0 万元,完成年初预算的 0%"),
                    confirm_completion)  # fmt: skip
    assert not any(r["confirmed"] for r in lines if r.get("line_code") == "general_public_budget")


def test_a_general_budget_total_of_basic_and_project_spending_is_confirmed():
    # the 自评表's funding block: 一般公共预算:872.71, 基本支出:842.21, 项目支出:30.5
    path = SHARED / "corpus" / "seeds" / "003_5069244cfe29a9a5.txt"
    tables = process(LandedFile(path, sha256_of(path)), datetime(2026, 1, 1))
    funding = {r["line_code"]: r for r in tables["budget_line"] if r["statement"] == "self_eval_funding"}
    assert (funding["general_public_budget"]["amount_wan"], funding["general_public_budget"]["confirmed"]) == (
        Decimal("872.71"),
        True,
    )
    assert funding["basic_expenditure"]["confirmed"] and funding["project_expenditure"]["confirmed"]
    lines, _ = _reconfirmed(tables, {("project_expenditure", "table"): "35.5"})
    funding = {r["line_code"]: r for r in lines if r["statement"] == "self_eval_funding"}
    assert not any(r["confirmed"] for r in funding.values())

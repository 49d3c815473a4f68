"""Reports built from their figures: the 决算 with its 9 statements and the national 项目支出绩效自评表, each
consistent or with chosen flaws (the contradictions real reports contain), and the findings they should raise.

A flaw changes what is printed, never the truth of what is printed: the truth lists the rows as printed plus
the findings (check_id, expected, actual) the quality checks must report.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from decimal import Decimal

from samples.generator import Report, TableSpec

CENT = Decimal("0.01")
# 功能分类 a county department typically spends on: 类, 款 and 项 (the 项 also spent on projects marked)
CLASSES = {"201": "一般公共服务支出", "208": "社会保障和就业支出", "210": "卫生健康支出", "221": "住房保障支出"}
SECTIONS = {
    "20103": "政府办公厅（室）及相关机构事务", "20805": "行政事业单位养老支出", "21011": "行政事业单位医疗",
    "22102": "住房改革支出",
}  # fmt: skip
ITEMS = {
    "2010301": "行政运行", "2010302": "一般行政管理事务", "2080505": "机关事业单位基本养老保险缴费支出",
    "2080506": "机关事业单位职业年金缴费支出", "2101101": "行政单位医疗", "2210201": "住房公积金",
}  # fmt: skip
PROJECT_ITEMS = {"2010302"}
PERSONNEL = (("30101", "基本工资"), ("30102", "津贴补贴"), ("30108", "机关事业单位基本养老保险缴费"))
PUBLIC = (("30201", "办公费"), ("30211", "差旅费"), ("30217", "公务接待费"))
FINAL_ACCOUNTS_FLAWS = (
    "function_sum", "function_text_sum", "unbalanced", "sangong_parts", "vehicle_parts", "basic_split",
)  # fmt: skip
# the 三公 table's column groups, left to right (each with 预算数 and 决算数)
SANGONG_COLUMNS = ("total", "outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception")
EVALUATION_FLAWS = ("score_above_weight", "execution_rate")


def _money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(rng.uniform(low, high)).quantize(CENT)


def _split(total: Decimal, shares: tuple[float, ...]) -> list[Decimal]:
    parts = [(total * Decimal(str(s))).quantize(CENT) for s in shares]
    return [*parts, total - sum(parts)]


def _q(amount: Decimal) -> Decimal:
    """As the warehouse prints a computed amount: 4 decimals."""
    return amount.quantize(Decimal("0.0001"))


def _f(amount: Decimal) -> str:
    return f"{amount:,.2f}"


@dataclass
class _Item:
    codes: tuple[str, str, str]
    names: tuple[str, str, str]
    basic: Decimal
    project: Decimal

    @property
    def total(self) -> Decimal:
        return self.basic + self.project


def _finding(check_id: str, expected: Decimal | str, actual: Decimal | str) -> dict:
    return {"check_id": check_id, "expected": str(expected), "actual": str(actual)}


def final_accounts_statements(department: str, year: int, rng: random.Random, flaws: tuple[str, ...] = ()) -> Report:
    """部门决算 in the national layout: 第二部分 the 9 公开表 (收入支出决算总表 … 三公经费), 第三部分 the 说明."""
    items = [
        _Item((code[:3], code[:5], code), (CLASSES[code[:3]], SECTIONS[code[:5]], name), _money(rng, 20, 600),
              _money(rng, 10, 300) if code in PROJECT_ITEMS else Decimal(0))
        for code, name in ITEMS.items()
    ]  # fmt: skip
    basic, project = sum(i.basic for i in items), sum(i.project for i in items)
    total = basic + project
    carried = _money(rng, 5, 80)  # 年初结转和结余 = 年末结转和结余
    personnel = (basic * Decimal("0.82")).quantize(CENT)
    public = basic - personnel
    sangong_budget = _money(rng, 4, 30)
    budget = dict(zip(("outbound_travel", "vehicle_purchase", "vehicle_operation", "reception"),
                      _split(sangong_budget, (0, 0, 0.55)), strict=True))  # fmt: skip
    actual = {k: (v * Decimal("0.9")).quantize(CENT) for k, v in budget.items()}
    classes = {lei: sum((i.total for i in items if i.codes[0] == lei), Decimal(0)) for lei in CLASSES}
    findings: list[dict] = []

    # 功能分类 rows: 类 and 款 are the sums of their 项 (unless the report mistypes one)
    printed = {item.codes[2]: item.total for item in items}
    if "function_sum" in flaws:
        mistyped = items[1].codes[2]
        printed[mistyped] += Decimal(1)
        kuan = items[1].codes[1]
        kuan_items = [i for i in items if i.codes[1] == kuan]
        findings.append(_finding("function_class_sums", sum(printed[i.codes[2]] for i in kuan_items),
                                 sum(i.total for i in kuan_items)))  # fmt: skip
        # the 说明 lists the 项 as it should be: the statement and the text disagree
        findings.append(_finding("text_and_table_disagree", _q(printed[mistyped]), _q(items[1].total)))
        # the 收入表 prints the 项 in its 财政拨款收入 column too, and the 支出表 row no longer adds up to its
        # 基本支出 + 项目支出
        findings.append(_finding("column_parts_sum", sum(printed[i.codes[2]] for i in kuan_items),
                                 sum(i.total for i in kuan_items)))  # fmt: skip
        findings.append(_finding("row_parts_sum", items[1].total, printed[mistyped]))
    function_rows = []
    for level in range(3):
        for code in dict.fromkeys(i.codes[level] for i in items):
            members = [i for i in items if i.codes[level] == code]
            amount = printed[code] if level == 2 else sum(i.total for i in members)
            first = members[0]
            function_rows.append((code, first.names[level], amount,
                                  sum(i.basic for i in members), sum(i.project for i in members)))  # fmt: skip
    function_rows.sort(key=lambda row: row[0])

    def codes(code: str) -> list[str]:
        return [code[:3], code[3:5], code[5:7]]

    expenditure_total = total + carried
    if "unbalanced" in flaws:
        expenditure_total += Decimal(10)
        findings.append(_finding("income_total_is_expenditure_total", _q(total + carried), _q(expenditure_total)))

    summary = [
        ["项目", "决算数", "项目", "决算数"],
        ["一、一般公共预算财政拨款收入", _f(total), "一、一般公共服务支出", _f(classes["201"])],
        ["二、政府性基金预算财政拨款收入", "", "二、社会保障和就业支出", _f(classes["208"])],
        ["三、其他收入", "", "三、卫生健康支出", _f(classes["210"])],
        ["", "", "四、住房保障支出", _f(classes["221"])],
        ["本年收入合计", _f(total), "本年支出合计", _f(total)],
        ["年初结转和结余", _f(carried), "年末结转和结余", _f(carried)],
        ["总计", _f(total + carried), "总计", _f(expenditure_total)],
    ]
    income = [["科目编码", "", "", "科目名称", "本年收入合计", "财政拨款收入", "其他收入"],
              ["", "", "", "合计", _f(total), _f(total), ""]]  # fmt: skip
    spending = [["科目编码", "", "", "科目名称", "本年支出合计", "基本支出", "项目支出"],
                ["", "", "", "合计", _f(total), _f(basic), _f(project)]]  # fmt: skip
    for code, name, amount, row_basic, row_project in function_rows:
        income.append([*codes(code), name, _f(amount), _f(amount), ""])
        spending.append([*codes(code), name, _f(amount), _f(row_basic) if row_basic else "",
                         _f(row_project) if row_project else ""])  # fmt: skip
    appropriation = [
        ["收入", "决算数", "支出", "决算数"],
        ["一、一般公共预算财政拨款", _f(total), "一、一般公共预算财政拨款支出", _f(total)],
        ["年初财政拨款结转和结余", _f(carried), "年末财政拨款结转和结余", _f(carried)],
        ["总计", _f(total + carried), "总计", _f(total + carried)],
    ]
    general = spending  # all of it is 一般公共预算财政拨款 here
    economic = [["科目编码", "", "科目名称", "决算数", "科目编码", "", "科目名称", "决算数"]]
    personnel_parts = _split(personnel, (0.35, 0.45))
    public_parts = _split(public, (0.6, 0.25))
    economic.append(["301", "", "工资福利支出", _f(personnel), "302", "", "商品和服务支出", _f(public)])
    for (p_code, p_name), p_amount, (q_code, q_name), q_amount in zip(
        PERSONNEL, personnel_parts, PUBLIC, public_parts, strict=True
    ):
        economic.append([p_code[:3], p_code[3:], p_name, _f(p_amount), q_code[:3], q_code[3:], q_name, _f(q_amount)])
    economic.append(["人员经费合计", "", "", _f(personnel), "公用经费合计", "", "", _f(public)])

    # 三公 as printed, per measure; a flawed report mistypes the vehicle subtotal or the total of the actuals
    printed_sangong = {}
    for measure, leaves in (("budget", budget), ("actual", actual)):
        vehicle = leaves["vehicle_purchase"] + leaves["vehicle_operation"]
        printed_sangong[measure] = {
            "total": leaves["outbound_travel"] + vehicle + leaves["reception"], **leaves, "vehicle_total": vehicle,
        }  # fmt: skip
    flawed = printed_sangong["actual"]
    if "vehicle_parts" in flaws:
        flawed["vehicle_total"] += Decimal("0.3")
        flawed["total"] += Decimal("0.3")  # the total still adds up the parts as printed
    if "sangong_parts" in flaws:
        flawed["total"] += Decimal("0.5")
    vehicle_parts = flawed["vehicle_purchase"] + flawed["vehicle_operation"]
    parts = flawed["outbound_travel"] + flawed["vehicle_total"] + flawed["reception"]
    if flawed["vehicle_total"] != vehicle_parts:
        findings.append(_finding("sangong_vehicle_parts_sum", _q(vehicle_parts), _q(flawed["vehicle_total"])))
    if flawed["total"] != parts:
        findings.append(_finding("sangong_parts_sum_to_total", _q(parts), _q(flawed["total"])))
    sangong = TableSpec(
        [
            ["财政拨款“三公”经费"] * 12,
            [name for name in ("合计", "因公出国（境）费", *["公务用车购置及运行费"] * 3, "公务接待费")
             for _ in range(2)],
            [name for name in ("合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费")
             for _ in range(2)],
            ["预算数", "决算数"] * 6,
            [_f(printed_sangong[measure][column]) for column in SANGONG_COLUMNS for measure in ("budget", "actual")],
        ],
        merges=((0, 0, 0, 11), (1, 1, 0, 1), (1, 1, 2, 3), (1, 1, 4, 9), (1, 1, 10, 11), (2, 2, 0, 1), (2, 2, 2, 3),
                (2, 2, 4, 5), (2, 2, 6, 7), (2, 2, 8, 9), (2, 2, 10, 11)),
    )  # fmt: skip

    stated_personnel = personnel + (Decimal(1) if "basic_split" in flaws else 0)
    if "basic_split" in flaws:
        findings.append(_finding("basic_is_personnel_plus_public", _q(stated_personnel + public), _q(basic)))
        findings.append(_finding("parts_do_not_sum_to_total", basic, stated_personnel + public))
    # the 说明 lists each 类 with its share, then every 项 as 类/款/项 (a flawed report misstates a 类)
    stated_classes = dict(classes)
    if "function_text_sum" in flaws:
        stated_classes["208"] += Decimal(1)
        findings.append(_finding("function_class_sums", classes["208"], stated_classes["208"]))
        findings.append(_finding("text_and_table_disagree", _q(classes["208"]), _q(stated_classes["208"])))
    shares = "；".join(
        f"{CLASSES[lei]}{_f(amount)}万元，占{amount / total * 100:.2f}%" for lei, amount in stated_classes.items()
    )
    function_text = [
        f"{n}.{CLASSES[i.codes[0]].removesuffix('支出')}（类）{i.names[1]}（款）{i.names[2]}（项）：支出决算为{_f(i.total)}万元。"
        for n, i in enumerate(items, start=1)
    ]
    blocks: list = [
        f"{department}{year}年度部门决算",
        "第一部分 部门概况",
        f"{department}是县人民政府工作部门，内设办公室、业务股等股室。",
        f"第二部分 {year}年度部门决算表",
        "一、收入支出决算总表", "单位：万元", summary,
        "二、收入决算表", "单位：万元", income,
        "三、支出决算表", "单位：万元", spending,
        "四、财政拨款收入支出决算总表", "单位：万元", appropriation,
        "五、一般公共预算财政拨款支出决算表", "单位：万元", general,
        "六、一般公共预算财政拨款基本支出决算表", "单位：万元", economic,
        "七、政府性基金预算财政拨款收入支出决算表", f"本单位{year}年度无政府性基金预算财政拨款收入支出，此表为空表。",
        "八、国有资本经营预算财政拨款支出决算表", f"本单位{year}年度无国有资本经营预算财政拨款支出，此表为空表。",
        "九、财政拨款“三公”经费支出决算表", "单位：万元", sangong,
        f"第三部分 {year}年度部门决算情况说明",
        "一、收入支出决算总体情况说明",
        f"{year}年度收、支总计均为{_f(total + carried)}万元。",
        "二、收入决算情况说明",
        f"{year}年度本年收入合计{_f(total)}万元，其中：财政拨款收入{_f(total)}万元。",
        "三、支出决算情况说明",
        f"{year}年度本年支出合计{_f(total)}万元，其中：基本支出{_f(basic)}万元，项目支出{_f(project)}万元。",
        "四、一般公共预算财政拨款基本支出决算情况说明",
        f"{year}年度一般公共预算财政拨款基本支出{_f(basic)}万元，其中：人员经费{_f(stated_personnel)}万元，"
        f"公用经费{_f(public)}万元。",
        "五、一般公共预算财政拨款支出决算具体情况说明",
        f"{year}年度一般公共预算财政拨款支出{_f(total)}万元，主要用于以下方面：{shares}。",
        *function_text,
    ]  # fmt: skip
    truth_sangong = [
        {"fiscal_year": year, "measure": measure, "category": category, "amount_wan": str(amounts[category])}
        for measure, amounts in printed_sangong.items()
        for category in SANGONG_COLUMNS
    ]
    lines = {
        "grand_total": total + carried,
        "total_income": total,
        "total_expenditure": total,
        "fiscal_appropriation": total,
        "general_public_budget": total,
        "basic_expenditure": basic,
        "project_expenditure": project,
        "personnel_expenditure": stated_personnel,
        "public_expenditure": public,
    }
    report = Report(department, year, "final_accounts", blocks, sangong=truth_sangong)
    report.budget_lines = [
        {"fiscal_year": year, "measure": "actual", "line_code": code, "amount_wan": str(amount)}
        for code, amount in lines.items()
    ]
    report.findings = findings
    return report


def national_project_evaluation(department: str, year: int, rng: random.Random, flaws: tuple[str, ...] = ()) -> Report:
    """The national 项目支出绩效自评表 (财预〔2020〕10号): 年初预算数/全年预算数/全年执行数, 年度指标值, 实际完成值."""
    name = rng.choice(("信息化建设运行维护经费", "专项业务工作经费", "业务培训经费", "办公楼维修改造经费"))
    adjusted = _money(rng, 20, 300)
    initial = (adjusted * Decimal("0.9")).quantize(CENT)
    spent = (adjusted * Decimal(str(rng.choice((1, 0.98, 0.95))))).quantize(CENT)
    rate = (spent / adjusted).quantize(Decimal("0.0001"))
    printed_rate = rate - Decimal("0.05") if "execution_rate" in flaws else rate
    findings: list[dict] = []
    if "execution_rate" in flaws:
        findings.append(_finding("execution_rate_mismatch", rate, printed_rate))
    execution_score = (10 * printed_rate).quantize(CENT)
    indicators = [
        ["产出指标", "数量指标", "完成专项任务", "≥10项", "12项", "20", "20"],
        ["产出指标", "质量指标", "验收合格率", "≥95%", "100%", "15", "15"],
        ["产出指标", "时效指标", "完成时限", f"{year}年12月31日前", f"{year}年12月", "10", "10"],
        ["产出指标", "成本指标", "项目成本", f"≤{adjusted}万元", f"{spent}万元", "5", "5"],
        ["效益指标", "社会效益指标", "服务保障水平", "明显提升", "明显提升", "30", "28"],
        ["满意度指标", "服务对象满意度指标", "服务对象满意度", "≥90%", "95%", "10", "9"],
    ]
    if "score_above_weight" in flaws:
        indicators[1][-1] = "16"
        findings.append(_finding("indicator_score_above_weight", "15.0000", "16.0000"))
    total = execution_score + sum(Decimal(row[-1]) for row in indicators)
    table = TableSpec(
        [
            ["项目名称", name, "", "", "", "", "", ""],
            ["主管部门", department, "", "", "实施单位", department, "", ""],
            ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["", "年度资金总额", _f(initial), _f(adjusted), _f(spent), "10", f"{printed_rate * 100:.2f}%",
             str(execution_score)],
            ["", "其中：当年财政拨款", _f(initial), _f(adjusted), _f(spent), "—", "—", "—"],
            ["年度总体目标", "预期目标", "", "", "实际完成情况", "", "", ""],
            ["", "按时保质完成项目任务，保障单位工作正常运转。", "", "", "项目任务已按时保质完成。", "", "", ""],
            ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            *[["", *row] for row in indicators],
            ["总分", "", "", "", "", "", "100", str(total)],
        ],
        merges=((0, 0, 1, 7), (1, 1, 1, 3), (1, 1, 5, 7), (2, 4, 0, 0), (5, 6, 0, 0), (7, 13, 0, 0)),
    )  # fmt: skip
    blocks: list = [f"{year}年度项目支出绩效自评表", f"（{year}年度）", table, f"填报单位：{department}"]
    evaluation = {
        "scope": "project", "project_name": name, "project_code": None, "total_score": str(total),
        "initial_budget_wan": str(initial), "adjusted_budget_wan": str(adjusted), "actual_wan": str(spent),
        "execution_rate_reported": str(printed_rate),
        "indicators": [dict(zip(("level1", "level2", "level3", "target_raw", "actual_raw", "weight", "score"), row,
                                strict=True)) for row in indicators],
    }  # fmt: skip
    report = Report(department, year, "project_performance", blocks, evaluations=[evaluation])
    report.findings = findings
    return report

"""Generate realistic reports (Chinese text, real templates) as .txt, .docx and .pdf, with their truth.

    python -m samples.generator            # rewrite samples/landing/

Each Report knows the rows the marts should get from it (`truth`), so tests and benchmarks can compare
extraction against what was written.
"""

from __future__ import annotations

import random
import re
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

LANDING = Path(__file__).resolve().parent / "landing"
SANGONG_LABELS = {
    "total": "三公经费",
    "vehicle_total": "1、公务用车购置和维护经费",
    "vehicle_purchase": "其中：公车购置",
    "vehicle_operation": "公车运行维护",
    "outbound_travel": "2、出国经费",
    "reception": "3、公务接待",
}


@dataclass
class TableSpec:
    """A table as its full grid (a merged cell's value in every position it covers) and its merges.

    `merges` are (first row, last row, first column, last column), 0-based and inclusive; renderers that
    can merge cells (.docx, .pdf, .xlsx) print the value once, the text format repeats it.
    """

    rows: list[list[str]]
    merges: tuple[tuple[int, int, int, int], ...] = ()


@dataclass
class Report:
    """A report as blocks: str for a paragraph, TableSpec (or a plain grid) for a table."""

    department: str
    fiscal_year: int
    report_kind: str
    blocks: list[str | TableSpec | list[list[str]]]
    self_eval_score: int | None = None
    self_eval_grade: str | None = None  # 优秀/良好/中/差, when the report prints one
    sangong: list[dict] = field(default_factory=list)  # truth rows: fiscal_year, measure, category, amount_wan
    evaluations: list[dict] = field(default_factory=list)  # truth: scope, project_code, total_score, indicators
    budget_lines: list[dict] = field(default_factory=list)  # truth: canonical lines the text states
    headcount: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)  # truth: check_id, expected, actual of each contradiction
    targets: list[dict] = field(default_factory=list)  # truth: per project, its funding and indicators
    target_attainment: list[dict] = field(default_factory=list)  # truth: fct_target_attainment rows

    @property
    def truth(self) -> dict:
        return {
            "document": {
                "report_kind": self.report_kind,
                "department_name": self.department,
                "fiscal_year": self.fiscal_year,
                "self_eval_score": self.self_eval_score,
                "self_eval_grade": self.self_eval_grade,
            },
            "sangong": self.sangong,
            "budget_lines": self.budget_lines,
            "headcount": self.headcount,
            "evaluations": self.evaluations,
            "findings": self.findings,
            "targets": self.targets,
            "target_attainment": self.target_attainment,
        }


def _sangong_split(total: Decimal, reception_share: Decimal) -> dict[str, Decimal]:
    """A consistent 三公 breakdown: total = vehicle + reception (no outbound travel), vehicle = operation."""
    reception = (total * reception_share).quantize(Decimal("0.01"))
    vehicle = total - reception
    return {
        "total": total, "vehicle_total": vehicle, "vehicle_purchase": Decimal(0),
        "vehicle_operation": vehicle, "outbound_travel": Decimal(0), "reception": reception,
    }  # fmt: skip


def hunan_dept_performance(department: str, year: int, score: int, sangong: tuple[str, str, str]) -> Report:
    """Hunan 部门整体支出绩效自评报告 with 附件1 基础数据表 (上年决算, 本年预算, 本年决算)."""
    columns = [(year - 1, "actual"), (year, "budget"), (year, "actual")]
    splits = [_sangong_split(Decimal(v), Decimal("0.6")) for v in sangong]
    table = [
        ["财政供养人员情况（人）", "编制数", f"{year}年实际在职人数", "控制率"],
        ["", "32", "30", "93.75%"],
        ["经费控制情况（万元）", f"{year - 1}年决算数", f"{year}年预算数", f"{year}年决算数"],
    ]
    truth = []
    for category, label in SANGONG_LABELS.items():
        table.append([label, *(str(split[category]) for split in splits)])
        truth += [
            {"fiscal_year": y, "measure": m, "category": category, "amount_wan": str(split[category])}
            for (y, m), split in zip(columns, splits, strict=True)
        ]
    table.append(["政府采购金额", "——", "45.20", "43.86"])
    satisfaction = str(score - 70)  # the other indicators score full marks: the total is the score
    indicator_rows = [
        ["产出指标", "数量指标", "督查督办事项办结数", "≥60次", "72次", "30", "30"],
        ["产出指标", "数量指标", "发文数量", "≥300件", "326件", "20", "20"],
        ["产出指标", "质量指标", "文件差错率", "≤1%", "0.5%", "20", "20"],
        ["效益指标", "社会效益指标", "服务对象满意度", "≥95%", "98%", "30", satisfaction],
    ]
    indicators = TableSpec(
        rows=[
            ["一级指标", "二级指标", "三级指标", "指标值", "完成值", "分值", "得分"],
            *indicator_rows,
            ["总分", "", "", "", "", "100", str(score)],
        ],
        merges=((1, 3, 0, 0), (1, 2, 1, 1)),
    )
    blocks = [
        f"{year}年度{department}部门整体支出绩效自评报告",
        "一、部门基本情况",
        f"（一）部门概况。{department}为全额拨款行政单位，内设综合股、业务股等5个股室。"
        "主要职责是贯彻落实上级决策部署，负责机关日常运转、文电会务、督查督办、信息综合和后勤保障等工作，"
        "围绕中心工作开展调查研究，为领导决策提供参考。",
        "二、一般公共预算支出情况",
        f"{year}年全年预算数1,186.40万元，全年执行数1,152.73万元，预算执行率97.16%。",
        "三、部门整体支出绩效情况",
        f"严格控制“三公”经费支出。{year}年部门整体支出绩效自评得分{score}分，评价等级为优秀。",
        "附件1",
        f"{year}年度部门整体支出绩效评价基础数据表",
        TableSpec(table),
        "附件2",
        f"{year}年度部门整体支出绩效自评表",
        indicators,
        "填表人：           填报日期：          联系电话：",
    ]
    evaluation = {
        "scope": "department",
        "total_score": score,
        "indicators": [
            dict(zip(("level1", "level2", "level3", "target_raw", "actual_raw", "weight", "score"), row, strict=True))
            for row in indicator_rows
        ],
    }
    report = Report(
        department, year, "dept_performance", blocks, self_eval_score=score, self_eval_grade="优秀", sangong=truth
    )
    report.evaluations = [evaluation]
    report.budget_lines = [
        {
            "fiscal_year": year,
            "measure": "adjusted_budget",
            "line_code": "general_public_budget",
            "amount_wan": "1186.40",
        },
        {"fiscal_year": year, "measure": "actual", "line_code": "general_public_budget", "amount_wan": "1152.73"},
        {
            "fiscal_year": year,
            "measure": "initial_budget",
            "line_code": "government_procurement",
            "amount_wan": "45.20",
        },
        {"fiscal_year": year, "measure": "actual", "line_code": "government_procurement", "amount_wan": "43.86"},
    ]
    report.headcount = [{"metric": "authorized", "headcount": 32}, {"metric": "actual", "headcount": 30}]
    return report


def final_accounts(department: str, year: int, budget: str, actual: str, prior: str) -> Report:
    """部门决算 with the 三公 explanation in the narrative (Sichuan wording) and the budget printed in 元."""
    b, a = _sangong_split(Decimal(budget), Decimal("0.5")), _sangong_split(Decimal(actual), Decimal("0.5"))
    budget_yuan = int(b["total"] * 10000)
    blocks = [
        f"{department}{year}年度部门决算",
        "第一部分 部门概况",
        f"{department}（简称县司法局）是县人民政府工作部门，为正科级。",
        f"第二部分 {year}年度部门决算情况说明",
        "七、财政拨款“三公”经费支出决算情况说明",
        f"{year}年“三公”经费财政拨款预算数为{budget_yuan}元，支出决算为{a['total']}万元，"
        f"完成预算{(a['total'] / b['total'] * 100).quantize(Decimal('0.01'))}%，较上年减少"
        f"{Decimal(prior) - a['total']}万元。",
        f"{year}年“三公”经费财政拨款支出决算中，因公出国（境）费支出决算0万元，占0%；公务用车购置及运行维护费"
        f"支出决算{a['vehicle_total']}万元；公务接待费支出决算{a['reception']}万元。具体情况如下：",
        "其中：公务用车购置支出0万元。全年按规定更新购置公务用车0辆，金额0万元。",
        f"公务用车运行维护费支出{a['vehicle_operation']}万元，主要用于执法执勤车辆燃料费、维修费、保险费等。",
        f"国内公务接待支出{a['reception']}万元，国内公务接待45批次，共计支出{a['reception']}万元。",
    ]
    truth = [{"fiscal_year": year, "measure": "budget", "category": "total", "amount_wan": str(b["total"])}]
    truth += [
        {"fiscal_year": year, "measure": "actual", "category": c, "amount_wan": str(a[c])}
        for c in (
            "total",
            "outbound_travel",
            "vehicle_total",
            "vehicle_purchase",
            "vehicle_operation",
            "reception",
        )
    ]
    report = Report(department, year, "final_accounts", blocks, sangong=truth)
    report.findings = [
        {"check_id": "sangong_printed_in_yuan", "expected": str(b["total"]), "actual": f"{budget_yuan}元"}
    ]
    return report


def budget_report(department: str, year: int, sangong: str) -> Report:
    """部门预算: narrative totals and the “三公”经费 budget table with one column per category."""
    split = _sangong_split(Decimal(sangong), Decimal("0.4"))
    columns = ["total", "outbound_travel", "vehicle_total", "vehicle_operation", "reception"]
    total = Decimal(sangong) * 40
    blocks: list = [
        f"{department}{year}年度部门预算",
        "第一部分 部门概况",
        f"{department}是县人民政府工作部门。",
        f"第三部分 {year}年度部门预算情况说明",
        "一、收支预算总体情况说明",
        f"{department}{year}年度收入、支出预算总计{total}万元。",
        "“三公”经费支出预算表",
        TableSpec(
            [
                ["“三公”经费合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务用车运行维护费", "公务接待费"],
                [str(split[c]) for c in columns],
            ]
        ),
    ]
    truth = [{"fiscal_year": year, "measure": "budget", "category": c, "amount_wan": str(split[c])} for c in columns]
    lines = [{"fiscal_year": year, "measure": "initial_budget", "line_code": "grand_total", "amount_wan": str(total)}]
    return Report(department, year, "budget", blocks, sangong=truth, budget_lines=lines)


def project_self_evaluation(department: str, year: int, code: str, name: str, budget: str, spent: str) -> Report:
    """Sichuan 项目支出绩效自评表: 年初预算/调整后预算数/预算执行数, 指标性质 and 度量单位 columns."""
    rate = (Decimal(spent) / Decimal(budget) * 100).quantize(Decimal("0.01"))
    indicators = [
        ("产出指标", "数量指标", "开展专项督查", "≥", "12", "次", "14", "30", "30"),
        ("产出指标", "质量指标", "工作任务完成率", "≥", "95", "%", "98", "20", "20"),
        ("产出指标", "时效指标", "完成时限", "=", "12", "月", "12", "20", "20"),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "96", "20", "19"),
    ]
    header = "绩效指标(90分) 一级指标 二级指标 三级指标 指标性质 指标值 度量单位 完成值 权重 得分 未完成原因分析"
    rows = [header.split()]
    rows += [["", *row, ""] for row in indicators]
    score = 10 + sum(int(r[-1]) for r in indicators)
    blocks: list = [
        f"部门预算项目支出绩效自评表({year}年度)",
        TableSpec(
            [
                ["项目名称", f"{code}--{name}" if code else name],
                ["主管部门", department, "实施单位", department],
                [
                    "预算执行情况(10分)",
                    "年度预算数(万元)",
                    "年初预算",
                    "调整后预算数",
                    "预算执行数",
                    "预算执行率",
                    "权重",
                    "得分",
                ],
                ["", "总额", budget, budget, spent, f"{rate}%", "10", "10"],
                *rows,
                ["合计", "100", str(score)],
            ]
        ),
    ]
    evaluation = {
        "scope": "project", "project_code": code, "project_name": name, "total_score": score,
        "initial_budget_wan": budget, "adjusted_budget_wan": budget, "actual_wan": spent,
        "execution_rate_reported": str((rate / 100).quantize(Decimal("0.0001"))),
        "indicators": [
            {"level1": r[0], "level2": r[1], "level3": r[2], "target_raw": f"{r[3]} {r[4]} {r[5]}",
             "actual_raw": r[6], "weight": r[7], "score": r[8]}
            for r in indicators
        ],
    }  # fmt: skip
    return Report(department, year, "project_performance", blocks, evaluations=[evaluation])


# what a project's 绩效目标 promises, against the indicators project_self_evaluation reports: two met, one
# promised higher than reported and missed, the cost never reported, and the 完成时限 reported but never promised
PROMISED = (
    ("产出", "数量", "开展专项督查", "≥12次", ">=", "12", "次", "promised_and_reported", "met"),
    ("产出", "质量", "工作任务完成率", "达到95%以上", ">=", "95", "%", "promised_and_reported", "met"),
    ("产出", "成本", "项目总成本", "不超过{budget}万元", "<=", "{budget}", "万元", "promised_not_reported", None),
    ("效益", "经济效益", "不适用", "不适用", None, None, None, None, None),  # a template row naming nothing
    ("满意度", "服务对象满意度", "服务对象满意度", "≥98%", ">=", "98", "%", "promised_and_reported", "not_met"),
)
REPORTED_ONLY = ("产出指标", "时效指标", "完成时限")


def project_targets(department: str, year: int, projects: list[tuple[str | None, str, str]]) -> Report:
    """Shenzhen 二级项目支出绩效目标申报表 workbook, one project per sheet; `projects` are (code or None, name,
    budget in 万元). Its money is labelled 万元 and printed in 元, as the real forms do; the 测算依据 and the
    成本 target print it in 万元, which is how the unit is decided."""
    blocks: list = []
    targets, attainment = [], []
    for code, name, budget in projects:
        yuan = f"{Decimal(budget) * 10000:.2f}"
        rows = [
            ["项目编码:", code or "", "项目名称:", name],
            ["申请单位:", department, "一级预算单位:", department],
            ["项目总金额(中期规划,万元):", yuan, "本年度项目金额(万元):", yuan],
            ["测算依据:", f"按上年实际支出测算{budget}万元", "", ""],
            ["一级指标", "二级指标", "三级指标", "目标值", "指标解释"],
        ]
        rows += [[*p[:4], p[2]] for p in ((*r[:3], r[3].format(budget=budget)) for r in PROMISED)]
        blocks += [f"{year}年度二级项目支出绩效目标申报表", TableSpec([row + [""] * (5 - len(row)) for row in rows])]
        indicators = []
        for level1, level2, level3, raw, operator, value, unit, status, met in PROMISED:
            if status is None:
                continue
            indicators.append({
                "level1": level1, "level2": level2, "level3": level3, "target_raw": raw.format(budget=budget),
                "target_operator": operator, "target_value": value.format(budget=budget), "target_unit": unit,
                "weight": None,
            })  # fmt: skip
            attainment.append({"project_name": name, "level3": level3, "status": status, "attainment": met})
        attainment.append(
            {"project_name": name, "level3": REPORTED_ONLY[2], "status": "reported_not_promised", "attainment": None}
        )
        targets.append({
            "project_name": name, "project_code": code, "department_name": department, "fiscal_year": year,
            "funding_total_wan": budget, "indicators": indicators,
        })  # fmt: skip
    # the unit decision is stated, as a note rather than a contradiction
    decided = {"check_id": "target_amount_unit_decided", "expected": None, "actual": None, "severity": "info"}
    return Report(
        department, year, "performance_target", blocks, findings=[decided], targets=targets,
        target_attainment=attainment,
    )  # fmt: skip


def bundled() -> dict[str, Report]:
    """The reports `make run` ingests (samples/landing), by file name: every report kind the marts read, so
    each question of docs/analyst-guide.md has an answer on them."""
    # samples.statements builds on this module's Report: imported here, where both are complete
    from samples.statements import final_accounts_statements, national_project_evaluation

    return {
        "hunan_xiangyin_xianweiban_2024_zhengti_ziping.txt": hunan_dept_performance(
            "中共湘阴县委办公室", 2024, 95, ("8.46", "9.00", "7.32")
        ),
        "hunan_pingjiang_shenjiju_2024_zhengti_ziping.pdf": hunan_dept_performance(
            "平江县审计局", 2024, 92, ("3.18", "3.50", "2.96")
        ),
        "hunan_pingjiang_shenjiju_2025_yusuan.pdf": budget_report("平江县审计局", 2025, "3.60"),
        "sichuan_mabian_sifaju_2024_juesuan.docx": final_accounts("马边彝族自治县司法局", 2024, "6.80", "5.42", "6.10"),
        # a project's 绩效目标 filed with the budget, and its self-evaluation after the year (fct_target_attainment)
        "sichuan_mabian_sifaju_2024_jixiaomubiao.xlsx": project_targets(
            "马边彝族自治县司法局", 2024, [("51112924T000008812345", "法律援助办案经费", "36.00")]
        ),
        "sichuan_mabian_sifaju_2024_xiangmu_ziping.docx": project_self_evaluation(
            "马边彝族自治县司法局", 2024, "51112924T000008812345", "法律援助办案经费", "36.00", "34.20"
        ),
        # the 9 statements of a 决算 (功能分类 科目, 基本支出 by 经济分类) whose 说明 misstates 人员经费, and a
        # national 项目自评表 printing a wrong 执行率: contradictions the quality findings report
        "sichuan_muchuan_caizhengju_2024_juesuan.pdf": final_accounts_statements(
            "沐川县财政局", 2024, random.Random(2024), ("basic_split",)
        ),
        "sichuan_muchuan_caizhengju_2024_xiangmu_zipingbiao.docx": national_project_evaluation(
            "沐川县财政局", 2024, random.Random(2025), ("execution_rate",)
        ),
    }


def __getattr__(name: str) -> dict[str, Report]:
    if name == "SAMPLES":  # built on first use, see bundled()
        return bundled()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# --- renderers -----------------------------------------------------------------------------------------


def _spec(block: TableSpec | list[list[str]]) -> TableSpec:
    return block if isinstance(block, TableSpec) else TableSpec(block)


def _shown(spec: TableSpec) -> list[list[str]]:
    """The grid as printed where cells merge: a merged value only in its first position."""
    rows = [list(row) for row in spec.rows]
    for r0, r1, c0, c1 in spec.merges:
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) != (r0, c0):
                    rows[r][c] = ""
    return rows


def to_txt(report: Report) -> str:
    """The corpus text convention: TAB-prefixed cell lines, a blank line after each row."""
    lines: list[str] = []
    for block in report.blocks:
        if isinstance(block, str):
            lines.append(block)
        else:
            for row in _spec(block).rows:
                lines += [f"\t{cell}" for cell in row]
                lines.append("")
    return "\n".join(lines) + "\n"


def write_docx(report: Report, path: Path) -> None:
    import docx

    document = docx.Document()
    for block in report.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
        else:
            spec = _spec(block)
            table = document.add_table(rows=len(spec.rows), cols=max(len(r) for r in spec.rows))
            table.style = "Table Grid"
            for r0, r1, c0, c1 in spec.merges:
                table.cell(r0, c0).merge(table.cell(r1, c1))
            for r, row in enumerate(_shown(spec)):
                for c, text in enumerate(row):
                    if text:
                        table.cell(r, c).text = text
    document.core_properties.author = "yusuan samples"
    document.core_properties.created = document.core_properties.modified = datetime(2025, 1, 1)
    document.save(str(path))
    _freeze_zip_times(path)


def _freeze_zip_times(path: Path) -> None:
    """Same content, same bytes: a regenerated sample shows no change in git."""
    with zipfile.ZipFile(path) as package:
        members = [(info, package.read(info)) for info in package.infolist()]
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for info, data in members:
            if info.filename == "docProps/core.xml":  # the writer stamps the time of saving
                data = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2025-01-01T00:00:00Z", data)
            frozen = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            frozen.compress_type = zipfile.ZIP_DEFLATED
            package.writestr(frozen, data)


def write_pdf(report: Report, path: Path, ruled: bool = True) -> None:
    """A Word-like PDF; reportlab's CID font STSong-Light needs no font file.

    `ruled=False` prints tables without grid lines, their columns aligned by position only.
    """
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK")
    flow: list = []
    for block in report.blocks:
        if isinstance(block, str):
            flow.append(Paragraph(block, style))
        else:
            spec = _spec(block)
            table = Table(_shown(spec), hAlign="LEFT")
            spans = [("SPAN", (c0, r0), (c1, r1)) for r0, r1, c0, c1 in spec.merges]
            grid = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)] if ruled else []
            table.setStyle(TableStyle([
                ("FONT", (0, 0), (-1, -1), "STSong-Light", 9.5),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *grid,
                *spans,
            ]))  # fmt: skip
            flow += [Spacer(1, 6), table, Spacer(1, 6)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=report.department).build(flow)


def write_html(report: Report, path: Path) -> None:
    """A government web page: GB2312 declared (GB18030 bytes, as sites do), the content in an outer layout
    table, each report table a `<table>` whose merged cells are rowspan/colspan."""
    from html import escape

    parts = []
    for block in report.blocks:
        if isinstance(block, str):
            parts.append(f"<p>{escape(block)}</p>")
            continue
        spec = _spec(block)
        starts = {(r0, c0): (r1 - r0 + 1, c1 - c0 + 1) for r0, r1, c0, c1 in spec.merges}
        covered = {(r, c) for r0, r1, c0, c1 in spec.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        rows = []
        for r, row in enumerate(spec.rows):
            cells = []
            for c, text in enumerate(row):
                if (r, c) in starts:
                    rowspan, colspan = starts[(r, c)]
                    cells.append(f'<td rowspan="{rowspan}" colspan="{colspan}">{escape(text)}</td>')
                elif (r, c) not in covered:
                    cells.append(f"<td>{escape(text)}</td>")
            rows.append("<tr>" + "".join(cells) + "</tr>")
        parts.append('<table border="1" class="data">' + "".join(rows) + "</table>")
    page = (
        '<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{escape(report.department)}</title><style>td{{padding:2px}}</style></head><body>"
        '<table width="960" class="layout"><tr><td>当前位置：首页 &gt; 信息公开</td></tr><tr><td>'
        + "".join(parts)
        + "</td></tr></table><script>var visits = 1;</script></body></html>"
    )
    path.write_bytes(page.encode("gb18030"))


def _sheets(report: Report) -> list[tuple[str, TableSpec]]:
    """One sheet per table, titled by the paragraph printed above it."""
    sheets, title = [], ""
    for block in report.blocks:
        if isinstance(block, str):
            title = block
        else:
            sheets.append((title, _spec(block)))
    return sheets


def write_xlsx(report: Report, path: Path) -> None:
    """Published 预算/决算 tables: a sheet per table, its title merged across the first row."""
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)
    for number, (title, spec) in enumerate(_sheets(report), start=1):
        sheet = book.create_sheet(f"表{number}")
        width = max(len(r) for r in spec.rows)
        sheet.append([title] + [""] * (width - 1))
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        for r, row in enumerate(_shown(spec), start=2):
            for c, text in enumerate(row, start=1):
                value, number_format = _typed(text)
                cell = sheet.cell(row=r, column=c, value=value)
                cell.number_format = number_format
        for r0, r1, c0, c1 in spec.merges:
            sheet.merge_cells(start_row=r0 + 2, start_column=c0 + 1, end_row=r1 + 2, end_column=c1 + 1)
    book.save(path)
    _freeze_zip_times(path)


def write_xls(report: Report, path: Path) -> None:
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    for number, (title, spec) in enumerate(_sheets(report), start=1):
        sheet = book.add_sheet(f"表{number}")
        width = max(len(r) for r in spec.rows)
        sheet.write_merge(0, 0, 0, width - 1, title)
        merged = {(r0, c0): (r1, c1) for r0, r1, c0, c1 in spec.merges}
        covered = {(r, c) for r0, r1, c0, c1 in spec.merges for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
        for r, row in enumerate(spec.rows):
            for c, value in enumerate(row):
                typed, number_format = _typed(value)
                style = xlwt.easyxf(num_format_str=number_format)
                if (r, c) in merged:
                    r1, c1 = merged[(r, c)]
                    sheet.write_merge(r + 1, r1 + 1, c, c1, typed, style)
                elif (r, c) not in covered:
                    sheet.write(r + 1, c, typed, style)
    book.save(str(path))


def _typed(value: str) -> tuple[object, str]:
    """Numbers as numbers with a format showing their decimals, as a finance bureau's sheet holds them."""
    if value.isdigit() and len(value) > 15:
        return value, "@"  # a 项目编码: text, as no sheet could hold it as a number
    try:
        number = Decimal(value)
    except ArithmeticError:
        return value, "General"
    decimals = -number.as_tuple().exponent
    if decimals <= 0:
        return int(number), "0"
    return float(number), "#,##0." + "0" * decimals


def write(report: Report, path: Path) -> None:
    writers = {
        ".docx": write_docx, ".pdf": write_pdf, ".xlsx": write_xlsx, ".xls": write_xls, ".html": write_html,
    }  # fmt: skip
    if path.suffix == ".txt":
        path.write_text(to_txt(report), encoding="utf-8")
    elif path.suffix in writers:
        writers[path.suffix](report, path)
    else:
        raise ValueError(f"cannot render {path.suffix}")


def generate(directory: Path = LANDING) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, report in bundled().items():
        write(report, directory / name)
        paths.append(directory / name)
    return paths


if __name__ == "__main__":
    # as `python -m`, this file is __main__: the importable module's classes are those samples.statements uses
    from samples import generator

    for written in generator.generate():
        print(written)

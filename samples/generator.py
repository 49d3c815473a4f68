"""Generate realistic reports (Chinese text, real templates) as .txt, .docx and .pdf, with their truth.

    python -m samples.generator            # rewrite samples/landing/

Each Report knows the rows the marts should get from it (`truth`), so tests and benchmarks can compare
extraction against what was written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
class Report:
    """A report as blocks: str for a paragraph, list[list[str]] for a table."""

    department: str
    fiscal_year: int
    report_kind: str
    blocks: list[str | list[list[str]]]
    self_eval_score: int | None = None
    sangong: list[dict] = field(
        default_factory=list
    )  # truth rows: fiscal_year, measure, category, amount_wan

    @property
    def truth(self) -> dict:
        return {
            "document": {
                "report_kind": self.report_kind,
                "department_name": self.department,
                "fiscal_year": self.fiscal_year,
                "self_eval_score": self.self_eval_score,
            },
            "sangong": self.sangong,
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
    blocks = [
        f"{year}年度{department}部门整体支出绩效自评报告",
        "一、部门基本情况",
        f"（一）部门概况。{department}为全额拨款行政单位，内设综合股、业务股等5个股室。",
        "二、一般公共预算支出情况",
        f"{year}年全年预算数1,186.40万元，全年执行数1,152.73万元，预算执行率97.16%。",
        "三、部门整体支出绩效情况",
        f"严格控制“三公”经费支出。{year}年部门整体支出绩效自评得分{score}分，评价等级为优秀。",
        "附件1",
        f"{year}年度部门整体支出绩效评价基础数据表",
        table,
        "填表人：           填报日期：          联系电话：",
    ]
    return Report(department, year, "dept_performance", blocks, self_eval_score=score, sangong=truth)


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
    return Report(department, year, "final_accounts", blocks, sangong=truth)


SAMPLES: dict[str, Report] = {
    "hunan_xiangyin_xianweiban_2024_zhengti_ziping.txt": hunan_dept_performance(
        "中共湘阴县委办公室", 2024, 95, ("8.46", "9.00", "7.32")
    ),
    "hunan_pingjiang_shenjiju_2024_zhengti_ziping.pdf": hunan_dept_performance(
        "平江县审计局", 2024, 92, ("3.18", "3.50", "2.96")
    ),
    "sichuan_mabian_sifaju_2024_juesuan.docx": final_accounts(
        "马边彝族自治县司法局", 2024, "6.80", "5.42", "6.10"
    ),
}


# --- renderers -----------------------------------------------------------------------------------------


def to_txt(report: Report) -> str:
    """The corpus text convention: TAB-prefixed cell lines, a blank line after each row."""
    lines: list[str] = []
    for block in report.blocks:
        if isinstance(block, str):
            lines.append(block)
        else:
            for row in block:
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
            table = document.add_table(rows=len(block), cols=max(len(r) for r in block))
            table.style = "Table Grid"
            for cells, row in zip(table.rows, block, strict=True):
                for cell, text in zip(cells.cells, row, strict=False):
                    cell.text = text
    document.core_properties.author = "yusuan samples"
    document.save(str(path))


def write_pdf(report: Report, path: Path) -> None:
    """A Word-like PDF with ruled tables; reportlab's CID font STSong-Light needs no font file."""
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
            table = Table(block, hAlign="LEFT")
            table.setStyle(TableStyle([
                ("FONT", (0, 0), (-1, -1), "STSong-Light", 9.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]))  # fmt: skip
            flow += [Spacer(1, 6), table, Spacer(1, 6)]
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1, title=report.department).build(flow)


def write(report: Report, path: Path) -> None:
    if path.suffix == ".txt":
        path.write_text(to_txt(report), encoding="utf-8")
    elif path.suffix == ".docx":
        write_docx(report, path)
    elif path.suffix == ".pdf":
        write_pdf(report, path)
    else:
        raise ValueError(f"cannot render {path.suffix}")


def generate(directory: Path = LANDING) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, report in SAMPLES.items():
        write(report, directory / name)
        paths.append(directory / name)
    return paths


if __name__ == "__main__":
    for written in generate():
        print(written)

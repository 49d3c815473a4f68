"""A self-evaluation's money against the rest of the report, on the seeds that contradict it and those that agree."""

from decimal import Decimal
from functools import cache

from ingest.document import Document, Paragraph, Table
from ingest.extract import extract
from ingest.extract.classify import classify
from ingest.extract.evaluations import check_counts, check_evaluations
from ingest.extract.performance import extract_performance
from ingest.readers import read
from tests.conftest import PROJECT, SEEDS, SHARED


@cache
def _findings(seed: str) -> list[tuple]:
    """A seed's findings on its forms' money and points, as (check, severity, expected, actual)."""
    doc = read(next(SEEDS.glob(f"{seed}_*.txt")))
    facts = extract(doc, {"document_id": "d"})
    year = facts.document["fiscal_year"]
    findings = [
        *check_evaluations(doc, "d", year, facts.evaluation, facts.indicator, facts.budget_line),
        *check_counts(doc, "d", facts.evaluation),
        *extract_performance(doc, "d", classify(doc))[3],
    ]
    return [(f["check_id"], f["severity"], f["expected"], f["actual"]) for f in findings]


def _named(seed: str, *figures: str) -> list[tuple]:
    """The findings that state both figures."""
    wanted = {str(float(x)) for x in figures}
    return [f for f in _findings(seed) if {str(float(f[2])), str(float(f[3]))} == wanted]


def test_a_funding_rows_own_points_count_in_the_weights():
    # seed 001, 区委办专项: the sub-row 其中：当年财政拨款 repeats 分值 10 / 得分 10, so the 分值 column sums to 110
    assert _named("001", "100", "110") == [("indicator_weights_do_not_sum", "warning", "100", "110")]
    # seed 003, 业务经费: its 当年财政拨款 row prints money but no points, and the weights sum to the 100 of the form
    assert [f for f in _findings("003") if f[0] == "indicator_weights_do_not_sum"] == []


def _scores(path) -> list[tuple]:
    """The findings on a file's 年度资金总额 row: its 得分 against 分值 × 执行率."""
    doc = read(path)
    return [
        (f["check_id"], f["severity"], f["expected"], f["actual"])
        for f in extract_performance(doc, "d", classify(doc))[3]
        if f["check_id"] == "execution_score_mismatch"
    ]


def test_a_funding_rows_score_is_its_weight_times_the_rate():
    # seed 003, 部门整体支出绩效自评表: 年度资金总额 分值 10, 执行率 100% (1435.09 of 1435.09), 得分 9
    assert _named("003", "10", "9") == [("execution_score_mismatch", "warning", "10.00", "9")]
    # seed 003's 业务经费 (100% printed, 10), the forms of 001 and 004 (100%, 10 of 10) and a Sichuan form: 10 × 执行率
    assert [f for f in _findings("003") if f[0] == "execution_score_mismatch" and f[3] != "9"] == []
    assert [f for f in (*_findings("001"), *_findings("004")) if f[0] == "execution_score_mismatch"] == []
    assert _scores(SHARED / "corpus" / "excerpts" / "sichuan_daying_sifaju_2023_xiangmu_zipingbiao.txt") == []
    # the bundled samples: 93% of 10 scored 9.30; 95% of 10 scored 10, the 9.5 to whole points
    for name in (
        "sichuan_muchuan_caizhengju_2024_xiangmu_zipingbiao.docx",
        "sichuan_mabian_sifaju_2024_xiangmu_ziping.docx",
    ):
        assert _scores(PROJECT / "samples" / "landing" / name) == [], name


def test_a_funding_rows_score_to_its_printed_digits():
    def form(rate: str, score: str) -> list[tuple]:
        rows = [
            ["项目名称", "某项目", "", "", "", "", ""],
            ["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
            ["年度资金总额", "100", "100", "95.5", "10", rate, score],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "开展督查", "≥12次", "14", "90", "90"],
            ["总分", "100", str(Decimal(score) + 90), "", "", "", ""],
        ]
        doc = Document("x.docx", "docx", [Table(rows)])
        return [
            (f["check_id"], f["severity"], f["expected"], f["actual"])
            for f in extract_performance(doc, "d", classify(doc))[3]
        ]

    assert form("95.5%", "9.55") == form("95.5%", "9.6") == form("95.5%", "9.5") == form("95.5%", "10") == []
    assert form("95.5%", "9.4") == [("execution_score_mismatch", "warning", "9.55", "9.4")]
    # a rate above 100% scores the 分值, no more
    assert form("101%", "10") == []
    # 100% printed may be 99.96%: 9.996 is 9.99 truncated, a rounding slip
    assert form("100%", "9.99") == [("execution_score_mismatch", "info", "10.00", "9.99")]


def test_a_project_spends_no_more_than_its_budget():
    # seed 002: 专项资金预算金额为7万元 … 实际费用支出9.5万元
    assert _named("002", "7", "9.5") == [("part_exceeds_whole", "warning", "7.0000", "9.5000")]
    # seed 004: each project's 预算执行数 is within its 调整后预算数 (70 of 70, 144.57 of 144.57, 11.26 of 11.26)
    assert _named("004", "70", "70") == _named("004", "144.57", "144.57") == []


def test_a_project_is_a_part_of_the_departments_project_spending():
    # seed 001: 区委办专项 spent 373万元, the department's whole 项目支出 is 151.95
    assert _named("001", "151.95", "373") == [("part_exceeds_whole", "warning", "151.9500", "373.0000")]
    # seed 003: 业务经费 spent 481.27万元, all of the department's 项目支出 481.27
    assert _named("003", "481.27", "481.27") == []
    # seed 004: three projects (144.57, 70, 11.26) of 225.83
    assert [f for f in _findings("004") if f[2] in ("225.8300", "225.83")] == []


def test_basic_and_project_spending_add_up_to_the_departments_form():
    # seed 003: the 说明's 基本支出 957.19 + 项目支出 481.27 = 1438.46, the 自评表 says 1435.09 was spent
    assert _named("003", "1435.09", "1438.46") == [
        ("basic_plus_project_exceeds_form_spending", "warning", "1435.0900", "1438.4600")
    ]
    # seed 001: 基本支出 861.24 + 项目支出 151.95 = 1013.19, as the 自评表's 全年执行数 (less would be no finding:
    # the form may count funds the 说明's 一般公共预算 scope leaves out)
    assert [f for f in _findings("001") if f[0] == "basic_plus_project_exceeds_form_spending"] == []


def test_a_cost_indicator_is_a_part_of_what_the_project_spent():
    # seed 004, 网络、系统运行维护费: 成本指标 网络及系统运行维护费 完成值 45万, the form's 预算执行数 11.26
    assert _named("004", "11.26", "45") == [("part_exceeds_whole", "warning", "11.2600", "45")]
    # seed 004, 县级衔接资金: 帮扶资金 32.6万 of 70 spent is a part, and no finding; seed 003: 组织和服务成本 481.27 of 481.27
    assert _named("004", "70", "32.6") == [] and _named("003", "481.27", "481.27") == []


def test_a_projects_narrative_restates_its_form():
    # seed 004: the narratives give 年初预算 70 and 11.26 and 18.5 and 支出资金 18.5; the forms 0.00, 0.00 and 11.26
    assert sorted(f for f in _findings("004") if f[0] == "narrative_differs_from_form") == [
        ("narrative_differs_from_form", "warning", "0.0000", "11.26"),
        ("narrative_differs_from_form", "warning", "0.0000", "18.5"),
        ("narrative_differs_from_form", "warning", "0.0000", "70"),
        ("narrative_differs_from_form", "warning", "11.2600", "18.5"),
    ]
    # seed 004, 深化改革及重点工作经费: 年初预算资金120万元 and 支出资金144.57万元, as its form
    assert _named("004", "120", "120") == _named("004", "144.57", "144.57") == []


# seed 004 L181 (and L188, L1006): the three listed projects add up to the 225.83 of 项目支出
_LISTED = (
    "基本支出1024.31万元，项目支出225.83万元，其中项目2个，具体支出为：深化改革及重点工作经费144.57万元；"
    "2024年县级衔接资金“两不愁三保障”及乡村建设治理补短项目经费70万元；;网络、系统运行维护费11.26万元。"
)
# seed 004 L100
_EVALUATED = "形成县委办单位整体绩效自评报告、深化改革及重点工作经费等2个预算项目绩效自评报告。"


def _counts(*paragraphs: str, forms: int = 0) -> list[tuple]:
    doc = Document("x.txt", "txt", [Paragraph(p) for p in paragraphs])
    evaluations = [{"scope": "project", "source": "table", "project_name": f"项目{i}"} for i in range(forms)]
    return [(f["check_id"], f["expected"], f["actual"]) for f in check_counts(doc, "d", evaluations)]


def test_a_count_of_listed_parts_is_their_number():
    # printed three times in seed 004: one finding
    assert _counts(_LISTED, _LISTED) == [("count_differs_from_parts_listed", "3", "2")]
    assert _counts(_LISTED.replace("项目2个", "项目3个")) == []
    # a list that does not add up to the whole may be incomplete: its number says nothing of the count
    assert _counts(_LISTED.replace("11.26万元", "11.27万元")) == []


def test_the_project_evaluations_a_report_says_it_made_are_those_it_holds():
    # seed 004 holds three 项目支出绩效自评表 and says it made 2 project self-evaluations
    assert _counts(_EVALUATED, forms=3) == [("evaluations_stated_fewer_than_forms", "3", "2")]
    assert _counts(_EVALUATED, forms=2) == []
    assert sorted(f for f in _findings("004") if f[2:] == ("3", "2")) == [
        ("count_differs_from_parts_listed", "warning", "3", "2"),
        ("evaluations_stated_fewer_than_forms", "warning", "3", "2"),
    ]


def test_the_seeds_forms_contradict_the_rest_of_the_report_only_where_labelled():
    assert _findings("000") == []
    assert len(_findings("001")) == 3 and len(_findings("002")) == 1 and len(_findings("003")) == 4
    assert len(_findings("004")) == 7


def test_a_timeliness_target_falls_in_the_year_evaluated():
    # seed 003, 2023年度 业务经费: 时效指标 组织培训时间, 年度指标值 and 完成值 “2024年”
    assert _named("003", "2023", "2024") == [("fiscal_year_out_of_place", "warning", "2023", "2024")]
    # seed 001, 2023年度: 按计划时间完成任务 “2023、12、31”, 经费支出时效性 “2023-12-31”
    assert [f for f in _findings("001") if f[0] == "fiscal_year_out_of_place"] == []
    # the same indicator of seed 003 set over a multi-year project's span
    doc = read(next(SEEDS.glob("003_*.txt")))
    facts = extract(doc, {"document_id": "d"})
    timely = [dict(i, target_raw="2022-2024年") for i in facts.indicator if i["level3"] == "组织培训时间"]
    years = [
        f for f in check_evaluations(doc, "d", 2023, [], timely, []) if f["check_id"] == "fiscal_year_out_of_place"
    ]
    assert len(timely) == 1 and years == []


def test_the_staff_control_rate_is_staff_over_posts():
    # seed 003 基础数据表: 编制数 68, 实际在职人数 62, 控制率 91.17% (91.176% truncated, a rounding slip)
    assert _named("003", "91.18", "91.17") == [("staff_control_rate_mismatch", "info", "91.18", "91.17")]
    # seed 001 基础数据表: 30 of 30, 100%
    assert [f for f in _findings("001") if f[0] == "staff_control_rate_mismatch"] == []


# seed 001 L44 and L45 (abridged to the clauses that count)
_TASKS = "指导督促各相关单位完成了39件省市交办事项，办理了56件区委常委会及区委主要领导批示、口头交办重点任务，各项交办事项均按时按质交账。"
_TASKS_AGAIN = "全年办理115件区委常委会及区委主要领导批示、口头交办的重点任务，办结率90%,未完成的重点任务按时推进。"


def test_the_same_things_counted_twice_are_one_count():
    assert _counts(_TASKS, _TASKS_AGAIN) == [("count_stated_twice_differently", "56", "115")]
    assert _counts(_TASKS, _TASKS_AGAIN.replace("115", "56")) == []
    # a clause that names its own year counts that year's
    assert _counts(_TASKS, _TASKS_AGAIN.replace("全年", "2022年")) == []
    assert _counts(_TASKS, _TASKS_AGAIN.replace("全年", "一季度")) == []
    assert _named("001", "56", "115") == [("count_stated_twice_differently", "warning", "56", "115")]

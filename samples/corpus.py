"""A generated corpus of any size, for benchmarks: every kind of report, every format, with truth files.

    python -m samples.corpus DIR N [--seed S]

writes N reports under DIR/landing and, for each, DIR/truth/<file>.yaml in the golden-file shape
(document, sangong, budget_lines, headcount, evaluations, findings) that `benchmarks.accuracy` scores.

Six kinds in turn: Hunan 部门整体自评 with 基础数据表, 决算 with the 三公 narrative, 部门预算, Sichuan 项目自评表
(in the middle round of three, the 绩效目标 workbook of the projects evaluated beside it), 决算 with its 9
statements, national 项目自评表. In every third round of six, the last two carry every flaw
their builder knows (sums that do not add up, a 收支总表 out of balance, a score above its weight, …).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import yaml

from samples.generator import (
    Report,
    budget_report,
    final_accounts,
    hunan_dept_performance,
    project_self_evaluation,
    project_targets,
    write,
)
from samples.statements import (
    EVALUATION_FLAWS,
    FINAL_ACCOUNTS_FLAWS,
    final_accounts_statements,
    national_project_evaluation,
)

COUNTIES = [
    "湘阴县", "平江县", "汨罗市", "临湘市", "华容县", "岳阳县", "君山区", "云溪区", "南县", "桃江县", "安化县",
    "赫山区", "资阳区", "马边彝族自治县", "夹江县", "井研县", "犍为县", "沐川县", "峨眉山市", "沙湾区",
]  # fmt: skip
BUREAUS = ["财政局", "审计局", "司法局", "民政局", "发展和改革局", "统计局", "农业农村局", "教育局", "卫生健康局"]
FORMATS = (".pdf", ".docx", ".txt")


def _money(rng: random.Random, low: float, high: float) -> str:
    return str(Decimal(rng.uniform(low, high)).quantize(Decimal("0.01")))


PROJECTS = ["专项业务工作经费", "法律援助办案经费", "信息化系统运维经费", "普法宣传经费", "矛盾纠纷调解经费"]


def _project(seed: int, i: int) -> tuple[str, int, str, str, str]:
    """The project evaluated at position `i` (department, year, code, name, budget): the same in every round
    of three, so that the middle round's 绩效目标 is for the projects evaluated beside it."""
    group = random.Random(seed * 1_000_003 + i // 18)
    department, year = f"{group.choice(COUNTIES)}{group.choice(BUREAUS)}", group.choice((2022, 2023, 2024))
    own = random.Random(seed * 1_000_003 + i)
    code = f"5111{own.randint(10**16, 10**17 - 1)}"
    return department, year, code, PROJECTS[(i // 6) % len(PROJECTS)], _money(own, 10, 200)


def reports(n: int, seed: int = 2026) -> Iterator[tuple[str, Report]]:
    """`n` reports, cycling through the kinds and formats; the same seed gives the same corpus."""
    rng = random.Random(seed)
    for i in range(n):
        department = f"{rng.choice(COUNTIES)}{rng.choice(BUREAUS)}"
        year = rng.choice((2022, 2023, 2024))
        kind, flawed = i % 6, (i // 6) % 3 == 1
        if kind == 0:
            report = hunan_dept_performance(
                department, year, rng.randint(85, 99), tuple(_money(rng, 2, 30) for _ in range(3))
            )
        elif kind == 1:
            budget = Decimal(_money(rng, 5, 20))
            actual = str((budget * Decimal("0.8")).quantize(Decimal("0.01")))
            report = final_accounts(department, year, str(budget), actual, _money(rng, 5, 20))
        elif kind == 2:
            report = budget_report(department, year, _money(rng, 5, 40))
        elif kind == 3 and (i // 6) % 3 == 1:
            # the 绩效目标 of the projects evaluated in the rounds before and after: one printing its 项目编码,
            # one matched by department and name
            (department, year, code, name, budget), after = _project(seed, i - 6), _project(seed, i + 6)
            report = project_targets(department, year, [(code, name, budget), (None, after[3], after[4])])
        elif kind == 3:
            department, year, code, name, budget = _project(seed, i)
            report = project_self_evaluation(department, year, code, name, budget, budget)
        elif kind == 4:
            report = final_accounts_statements(department, year, rng, FINAL_ACCOUNTS_FLAWS if flawed else ())
        else:
            report = national_project_evaluation(department, year, rng, EVALUATION_FLAWS if flawed else ())
        # each round of six shifts the formats, so that every kind comes in every format
        suffix = ".xlsx" if report.report_kind == "performance_target" else FORMATS[(i + i // 6) % 3]
        yield f"{i:06d}_{kind}{suffix}", report


def generate(directory: Path, n: int, seed: int = 2026) -> list[Path]:
    landing, truth = directory / "landing", directory / "truth"
    landing.mkdir(parents=True, exist_ok=True)
    truth.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, report in reports(n, seed):
        write(report, landing / name)
        golden = {"file": name, **report.truth}
        (truth / f"{name}.yaml").write_text(yaml.safe_dump(golden, allow_unicode=True), encoding="utf-8")
        paths.append(landing / name)
    return paths


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("directory", type=Path)
    parser.add_argument("n", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    print(f"{len(generate(args.directory, args.n, args.seed))} reports in {args.directory / 'landing'}")

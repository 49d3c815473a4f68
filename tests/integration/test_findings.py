"""The warehouse's findings against the contradictions labelled in tests/golden/findings (real reports and the
corpus PDFs): floors under the scores written down in benchmarks/README.md."""

import pytest

from benchmarks.findings import documents, run, score


@pytest.fixture(scope="module")
def published():
    labelled = {group: documents(group) for group in ("real", "pdf")}
    found = run([path for group in labelled.values() for path in group])
    return {group: score(paths, found) for group, paths in labelled.items()}


def test_most_contradictions_of_real_reports_are_found(published):
    real = published["real"]
    assert real.labelled >= 100
    assert real.recall >= 0.7, real.missed


def test_findings_name_real_contradictions_and_clean_reports_get_no_false_warning(published):
    for group in ("real", "pdf"):
        result = published[group]
        assert result.precision >= 0.9, (group, result.spurious)
        assert result.false_warnings / result.documents <= 0.1, (group, result.spurious)

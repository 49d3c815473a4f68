"""Code lists of the contract (CONTRACT.md §3), shared by the suites."""

REPORT_KINDS = [
    "final_accounts",
    "budget",
    "dept_performance",
    "project_performance",
    "special_fund_evaluation",
    "performance_target",
]
EXTRACTION_STATUSES = ["ok", "partial", "failed", "quarantined"]
FILE_FORMATS = [
    "pdf", "docx", "txt", "xlsx", "xls", "html", "htm", "doc", "wps", "png", "jpg", "jpeg", "tif", "tiff", "zip",
]  # fmt: skip
SANGONG_CATEGORIES = [
    "total", "outbound_travel", "vehicle_total", "vehicle_purchase", "vehicle_operation", "reception",
]  # fmt: skip
SANGONG_MEASURES = ["budget", "actual"]
SOURCES = ["table", "text", "ocr"]
SEVERITIES = ["error", "warning", "info"]
# An amount in 万元 with at most 4 decimals, as the loader writes it.
AMOUNT_PATTERN = r"^-?\d{1,14}(?:\.\d{1,4})?$"
STATEMENTS = [
    "summary", "fiscal_appropriation_summary", "income", "expenditure", "by_function", "basic_by_economic",
    "self_eval_funding", "basic_data", "operating_expenditure_of_organs",
]  # fmt: skip
MEASURES = ["initial_budget", "adjusted_budget", "actual", "prior_actual"]
SCOPES = ["department", "project"]
OPERATORS = [">=", "<=", "=", ">", "<"]
METRICS = ["authorized", "actual", "retired"]


def values_of(con, table: str, column: str, where: str = "true") -> list:
    """The values a column holds, for expectations that a fact refers to a known document or evaluation."""
    return [row[0] for row in con.execute(f"SELECT {column} FROM {table} WHERE {where}").fetchall()]


def published_documents(con) -> list:
    """Documents whose facts may be in the fact marts: a quarantined document's are held back."""
    return values_of(con, "marts.dim_document", "document_id", "extraction_status <> 'quarantined'")

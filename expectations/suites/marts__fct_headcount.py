"""marts.fct_headcount: the contract's columns and grain."""

import great_expectations.expectations as gxe

TABLE = "marts.fct_headcount"
COLUMNS = ["document_id", "metric", "headcount", "page", "source", "value_raw", "part"]


def expectations(con):
    documents = [row[0] for row in con.execute("SELECT document_id FROM marts.dim_document").fetchall()]
    return [
        gxe.ExpectTableColumnsToMatchOrderedList(column_list=COLUMNS),
        gxe.ExpectColumnValuesToBeInSet(column="document_id", value_set=documents),
        gxe.ExpectCompoundColumnsToBeUnique(column_list=["document_id", "metric"]),
    ]

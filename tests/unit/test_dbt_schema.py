"""The replica's comments and keys derived from the dbt yml: only what a blocking test or the contract guarantees."""

from pathlib import Path

from warehouse.dbt_schema import models

YML = """
version: 2
models:
  - name: dim_thing
    description: >
      One row per
      thing.
    columns:
      - name: thing_id
        description: The thing.
        data_tests: [unique, not_null]
      - name: code
        data_tests: [unique]
  - name: fct_fact
    data_tests:
      - unique_combination:
          arguments:
            columns: [thing_id, year]
    columns:
      - name: thing_id
        data_tests:
          - not_null
          - relationships:
              arguments:
                to: ref('dim_thing')
                field: thing_id
      - name: year
        data_tests: [not_null]
      - name: other_id
        data_tests:
          - relationships:
              to: ref('dim_other')
              field: other_id
  - name: fct_loose
    constraints:
      - type: primary_key
        columns: [a, b]
    data_tests:
      - unique_combination:
          arguments:
            columns: [thing_id, year]
    columns:
      - name: thing_id
        data_tests:
          - relationships:
              arguments:
                to: ref('dim_thing')
                field: thing_id
              config:
                where: "year > 2020"
      - name: year
        data_tests:
          - not_null:
              config:
                severity: warn
  - name: cn_thing
    columns:
      - name: 名称
        description: "名称:   the
          thing's name"
"""


def test_keys_come_from_blocking_tests_and_the_contract(tmp_path: Path):
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "_marts.yml").write_text(YML, encoding="utf-8")
    (tmp_path / "marts" / "cn_thing.sql").write_text("{{ config(alias='物') }}\nselect 1", encoding="utf-8")
    declared = models("marts", tmp_path)
    assert set(declared) == {"dim_thing", "fct_fact", "fct_loose", "物"}
    thing, fact, loose = declared["dim_thing"], declared["fct_fact"], declared["fct_loose"]
    assert thing.description == "One row per thing." and thing.columns == {"thing_id": "The thing.", "code": ""}
    assert (thing.primary_key, thing.unique) == (("thing_id",), [("code",)])  # code may be NULL: unique only
    assert fact.primary_key == ("thing_id", "year")
    assert fact.references == [("thing_id", "dim_thing", "thing_id")]  # dim_other is no model of the schema
    # a primary key the contract declares wins; a warn or filtered test guarantees nothing
    assert (loose.primary_key, loose.unique, loose.references) == (("a", "b"), [("thing_id", "year")], [])
    assert declared["物"].columns == {"名称": "名称: the thing's name"}

"""Turn report files into records: discover → read (Document) → extract (records) → cache."""

PARSER_VERSION = "0.9.0"

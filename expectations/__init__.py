"""Great Expectations suites (as code) that gate the raw load and the marts before publication."""

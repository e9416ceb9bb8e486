"""The one number format of pages and exports (template_helpers.fmt_number)."""

import pytest

from designer.template_helpers import fmt_number


@pytest.mark.parametrize(
    ("value", "written"),
    [(2.0, "2"), (2, "2"), (2.5, "2.5"), (2.125, "2.13"), (2.675, "2.68"), (0.005, "0.01"), (-1.125, "-1.13"),
     (1e-7, "0"), (-1e-7, "0"), (33.333333, "33.33"), (1234.5, "1234.5"), (None, "-"), ("", "-"),
     ("n/a", "n/a")],
)
def test_numbers_are_written_the_same_everywhere(value, written):
    assert fmt_number(value) == written


def test_a_missing_value_is_said_as_the_caller_asks():
    assert fmt_number(None, "") == "" and fmt_number(None, "not given") == "not given"

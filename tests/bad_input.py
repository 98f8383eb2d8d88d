"""The runner shared by the table-driven bad-input tests (each test module keeps its table)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

#: (id, call, expected exception type, text the message must contain)
BadCase = tuple[str, Callable[[], object], type[Exception], str]


def bad_input_cases(table: list[BadCase]) -> pytest.MarkDecorator:
    """Parametrize a test over ``table`` as ``(call, error, text)``, with readable ids."""
    return pytest.mark.parametrize(
        ("call", "error", "text"), [case[1:] for case in table], ids=[case[0] for case in table]
    )


def assert_rejected(call: Callable[[], object], error: type[Exception], text: str) -> None:
    """``call()`` raises ``error`` and its message names the argument (contains ``text``)."""
    with pytest.raises(error) as caught:
        call()
    assert text in str(caught.value)

"""Every public function and class has a complete numpy-style docstring (numpydoc's validator).

Objects are discovered from each public module's ``__all__`` (new modules are picked up
automatically). Each docstring must pass the numpydoc checks in :data:`CHECKS` (present,
a summary, every parameter documented with a type and a description and no unknown or
misordered ones, a described Returns section for functions, an Examples section), and
have a Raises section that names real exception classes. The Examples themselves run as
doctests (``--doctest-modules``).

:data:`KNOWN_GAPS` lists other engineers' objects that still fail, with the codes they
fail; an entry that no longer fails makes the test fail, so the list only shrinks.
"""

from __future__ import annotations

import builtins
import importlib
import inspect
import pkgutil
import re

import pytest
from numpydoc.docscrape import FunctionDoc
from numpydoc.validate import validate

import mle_book

#: numpydoc check codes enforced (numpydoc.readthedocs.io, "Validation").
CHECKS = {
    "GL08": "the object has no docstring",
    "SS01": "no summary",
    "SS02": "summary does not start with a capital letter",
    "SS03": "summary does not end with a period",
    "PR01": "a parameter is not documented",
    "PR02": "an unknown parameter is documented",
    "PR03": "parameters are documented in the wrong order",
    "PR04": "a parameter has no type",
    "PR07": "a parameter has no description",
    "RT01": "no Returns section",
    "RT03": "a return value has no description",
    "EX01": "no Examples section",
}
#: Not numpydoc's: a Raises section naming exception classes (every helper validates).
RAISES = "RA00"


def public_objects() -> dict[str, object]:
    """``{"module.name": object}`` for each function and class in a public ``__all__``."""
    found: dict[str, object] = {}
    for info in sorted(pkgutil.iter_modules(mle_book.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"mle_book.{info.name}")
        for name in getattr(module, "__all__", []):
            obj = getattr(module, name)
            defined_here = getattr(obj, "__module__", None) == module.__name__
            if (inspect.isfunction(obj) or inspect.isclass(obj)) and defined_here:
                found[f"{info.name}.{name}"] = obj
    return found


OBJECTS = public_objects()

#: Other engineers' objects that still fail (module.name -> codes), at the time this
#: test was written. Delete an entry once its docstring passes (the test then fails
#: until it is deleted); likelihood, _validation and the worked-solution helpers at the
#: bottom of exercises have no entries and must never get one.
KNOWN_GAPS: dict[str, set[str]] = {}


def _never_raises(obj: object) -> bool:
    """No arguments, or only ``object`` ones (the exercise checkers answer anything)."""
    if inspect.isclass(obj):
        return False
    parameters = inspect.signature(obj).parameters.values()
    return all(str(p.annotation) in ("object", "<class 'object'>") for p in parameters)


def _raises_problems(obj: object) -> list[str]:
    if _never_raises(obj):
        return []
    try:
        raises = FunctionDoc(obj)["Raises"] if inspect.isfunction(obj) else None
    except Exception as error:  # malformed sections
        return [f"{RAISES}: cannot parse the docstring ({error})"]
    if raises is None:  # classes: the section is read from the class docstring
        doc = inspect.getdoc(obj) or ""
        return [] if re.search(r"^Raises\n-+$", doc, re.M) else [f"{RAISES}: no Raises section"]
    if not raises:
        return [f"{RAISES}: no Raises section"]
    problems = []
    for entry in raises:
        for name in re.split(r"[,\s]+", entry.type.strip()):
            if not name:
                continue
            candidate = getattr(builtins, name, None)
            if candidate is None:
                module = inspect.getmodule(obj)
                candidate = getattr(module, name.split(".")[-1], None)
            if not (isinstance(candidate, type) and issubclass(candidate, BaseException)):
                problems.append(f"{RAISES}: Raises names {name!r}, not an exception class")
    return problems


def docstring_problems(label: str, obj: object) -> list[str]:
    """The enforced problems of one object's docstring (code: message)."""
    result = validate(f"mle_book.{label}")
    problems = [f"{code}: {message}" for code, message in result["errors"] if code in CHECKS]
    return problems + _raises_problems(obj)


def test_discovery_finds_every_module() -> None:
    modules = {label.split(".")[0] for label in OBJECTS}
    assert {"likelihood", "exercises", "optimisation", "continuous"} <= modules
    assert len(OBJECTS) >= 60


@pytest.mark.parametrize("label", sorted(OBJECTS))
def test_docstring_is_complete(label: str) -> None:
    problems = docstring_problems(label, OBJECTS[label])
    codes = {problem.split(":")[0] for problem in problems}
    allowed = KNOWN_GAPS.get(label, set())
    assert codes <= allowed, f"{label}:\n" + "\n".join(problems)
    assert not allowed or codes, f"{label} now passes: delete it from KNOWN_GAPS"


def _undocumented(theta: float, n: int) -> float:
    """Do something.

    Parameters
    ----------
    theta : float
        A probability.
    """
    return theta


def test_the_check_can_fail() -> None:
    result = validate(f"{__name__}._undocumented")
    problems = [code for code, _ in result["errors"] if code in CHECKS]
    problems += [p.split(":")[0] for p in _raises_problems(_undocumented)]
    assert {"PR01", "RT01", "EX01", RAISES} <= set(problems)

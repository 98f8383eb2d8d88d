"""Answer boxes for the Exercises chapter, checked in the browser as in Python.

An :class:`AnswerBox` is an ``anywidget``: a labelled text box, a Check button and a
feedback line. Its traits carry one exercise of ``exercise_data.json`` (exact answer,
allowed range, known mistakes with their hints, general hint, explanation) and the
checking rules; ``static/answer.js`` applies those rules in the browser, so the box works
in the static HTML book with no kernel (from ``file://``, offline) and in a live
notebook alike. The JavaScript holds no exercise-specific value or text: everything
comes from the same data the Python ``check_*`` functions of
:mod:`mle_book.exercises` read, and a browser test checks that the page and Python give
the same verdict and message for every answer in its table.

The reader's answers and solved state are kept in the browser's local storage (one
entry per exercise); an :class:`AnswerProgress` widget shows how many exercises are
solved and clears the stored answers.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from .exercises import EXERCISES, Feedback, exercise_data

__all__ = ["AnswerBox", "AnswerProgress", "answer_box", "answer_progress"]

_STATIC = Path(__file__).parent / "static"
TraitError = traitlets.TraitError
"""What a widget raises for a trait value of the wrong type (named in Raises sections)."""

STORAGE_PREFIX = "mle-book/answers/"
"""Prefix of the browser's local-storage keys (one key per exercise)."""


class _AnswerWidget(anywidget.AnyWidget):
    """Base class: one JavaScript module (answer.js) draws both kinds of widget."""

    _esm = _STATIC / "answer.js"
    _css = _STATIC / "answer.css"
    role = traitlets.Unicode().tag(sync=True)
    rules = traitlets.Dict().tag(sync=True)
    names = traitlets.List(traitlets.Unicode()).tag(sync=True)
    storage_prefix = traitlets.Unicode(STORAGE_PREFIX).tag(sync=True)


class AnswerBox(_AnswerWidget):
    """A text box where the reader types the answer to one exercise.

    Build it with :func:`answer_box`. ``spec`` is the exercise's entry of
    ``exercise_data.json`` (without its sample), ``rules`` the shared rules.

    Parameters
    ----------
    *args : object
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : object
        Trait values: ``exercise`` (str, a key of
        :data:`mle_book.exercises.EXERCISES`), ``number`` (int, the exercise's number),
        ``spec`` and ``rules`` (dict), ``names`` (list of str).

    Raises
    ------
    TraitError
        If a trait value has the wrong type (``traitlets.TraitError``).

    Examples
    --------
    >>> box = answer_box("odds")
    >>> box
    AnswerBox(exercise='odds')
    >>> box.check("2.25").correct
    True
    """

    role = traitlets.Unicode("box").tag(sync=True)
    exercise = traitlets.Unicode().tag(sync=True)
    number = traitlets.Int().tag(sync=True)
    spec = traitlets.Dict().tag(sync=True)

    def check(self, text: object) -> Feedback:
        """The Python verdict on ``text``: the same as the box shows in the browser.

        Examples
        --------
        >>> answer_box("odds").check("9/4").correct
        True
        """
        return EXERCISES[self.exercise](text)

    def __repr__(self) -> str:  # short and deterministic: notebooks' stored outputs show it
        return f"AnswerBox(exercise={self.exercise!r})"


class AnswerProgress(_AnswerWidget):
    """How many exercises this browser has solved, with a button that clears the answers.

    Build it with :func:`answer_progress`; the count is kept in the browser's local
    storage under :data:`STORAGE_PREFIX`, so Python sees only the shared rules and names.

    Parameters
    ----------
    *args : object
        Passed on to :class:`anywidget.AnyWidget` (none are needed).
    **kwargs : object
        Trait values: ``rules`` (dict) and ``names`` (list of str, the exercises counted).

    Raises
    ------
    TraitError
        If a trait value has the wrong type (``traitlets.TraitError``).

    Examples
    --------
    >>> progress = answer_progress()
    >>> progress
    AnswerProgress()
    >>> "odds" in progress.names
    True
    """

    role = traitlets.Unicode("progress").tag(sync=True)

    def __repr__(self) -> str:
        return "AnswerProgress()"


def _shared() -> dict[str, object]:
    data = exercise_data()
    return {"rules": data["rules"], "names": list(data["exercises"])}


def answer_box(name: str) -> AnswerBox:
    """The answer box of one exercise.

    Parameters
    ----------
    name : str
        A key of :data:`mle_book.exercises.EXERCISES`, e.g. ``"odds"``.

    Returns
    -------
    AnswerBox
        Labelled "Your answer to Exercise k"; Enter or the Check button checks.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If ``name`` is not a known exercise; the message lists the known names.

    Examples
    --------
    >>> box = answer_box("exponential_rate")
    >>> box.number, box.spec["exact"] == 1 / 3
    (1, True)
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    exercises = exercise_data()["exercises"]
    if name not in exercises:
        raise ValueError(f"name must be one of {', '.join(EXERCISES)}; got {name!r}")
    spec = {key: value for key, value in exercises[name].items() if key != "sample"}
    return AnswerBox(exercise=name, number=spec["number"], spec=spec, **_shared())


def answer_progress() -> AnswerProgress:
    """The progress line of the Exercises chapter: solved count and a Clear button.

    Returns
    -------
    AnswerProgress
        Counts the exercises whose last checked answer in this browser was right.

    Examples
    --------
    >>> len(answer_progress().names)
    9
    """
    return AnswerProgress(**_shared())

"""Argument checks shared by every public helper: the package's type rules, written once.

Each check raises ``TypeError`` for a value of the wrong *kind* and ``ValueError`` for
a value of the right kind outside its allowed *range*, and the message always names
the argument, the allowed range and what the caller passed, so a learner sees what to
fix rather than a numpy warning, an ``OverflowError`` or NaN. The rules (also stated
in the package docstring, :mod:`mle_book`):

- **Real scalars** (:func:`check_real`, :func:`check_positive`,
  :func:`check_non_negative`, :func:`check_count`,
  :func:`check_int_in_range`) accept ``int``, ``float``, :class:`fractions.Fraction`,
  NumPy integer and floating scalars, and 0-d arrays of those (anything whose
  ``numpy.asarray`` is 0-d with an integer or floating dtype). ``bool``/``numpy.bool_``,
  complex numbers (even ``1+0j``), strings, ``None`` and arrays with a dimension
  raise ``TypeError``. NaN and inf raise ``ValueError``; so does a number beyond the
  float range (``10**400``), never ``OverflowError``.
- **Counts** (numbers of flips, steps, points, runs, ...) are whole numbers: any real
  scalar above whose value is whole, so ``3``, ``3.0``, ``np.int64(3)`` and
  ``Fraction(6, 2)`` are all the count 3. A fractional value (``4.5``) or one outside
  the allowed range raises ``ValueError``. No count may exceed :data:`MAX_COUNT`
  (``2**53``, the largest range in which every whole number is an exact float).
- **Flags** (:func:`check_flag`) must be ``True`` or ``False`` (``bool`` or
  ``numpy.bool_``); ``1``, ``"no"`` or ``None`` raise ``TypeError`` (they are never
  truth-tested).
- **Arrays** (:func:`check_probability`, :func:`check_sample`) accept anything
  ``numpy.asarray`` turns into an integer or floating array (lists, tuples, arrays of
  any float width, CPU torch tensors without gradient); boolean, complex, string and
  object arrays raise ``TypeError``.
- **Options** (:func:`check_choice`) are strings from a fixed list.
- **Results**: a public function returns finite numbers (or a documented ``-inf`` for
  the log of a zero likelihood); when a derived quantity would overflow it raises
  ``ValueError`` saying which one (:func:`check_finite_result`), and no numpy warning
  escapes.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "MAX_COUNT",
    "describe",
    "check_choice",
    "check_count",
    "check_finite_result",
    "check_flag",
    "check_int_in_range",
    "check_non_negative",
    "check_positive",
    "check_probability",
    "check_probability_scalar",
    "check_real",
    "check_rng",
    "check_sample",
]

MAX_COUNT: int = 2**53
"""Largest count any helper accepts: every whole number up to it is an exact float."""

_FLOAT_MAX = float(np.finfo(np.float64).max)
_FLOAT_RANGE = "|x| <= 1.8e308, the float range"


def _is_bool(value: object) -> bool:
    return isinstance(value, (bool, np.bool_))


def describe(value: object) -> str:
    """A short description of what the caller passed, safe for any value.

    Parameters
    ----------
    value : object
        Anything a caller may pass.

    Returns
    -------
    str
        ``repr`` for small numbers and short strings, the number of digits for a huge
        integer (whose ``repr`` could fail), shape and dtype for an array, else the
        type name.

    Examples
    --------
    >>> describe(2.5), describe(10**400), describe(np.zeros((2, 3)))
    ('2.5', 'an integer with 401 digits', 'an array of shape (2, 3) and dtype float64')
    """
    if _is_bool(value):
        return f"the bool {bool(value)}"
    if isinstance(value, numbers.Integral):
        integer = int(value)
        if abs(integer) >= 10**18:
            digits = len(str(abs(integer))) if integer.bit_length() < 4000 else None
            if digits is None:
                return f"an integer of about 2**{integer.bit_length()}"
            return f"{'a negative' if integer < 0 else 'an'} integer with {digits} digits"
        return repr(integer)
    if isinstance(value, Fraction):
        if max(abs(value.numerator), value.denominator) >= 10**18:
            return f"the Fraction ({describe(value.numerator)}) / ({describe(value.denominator)})"
        return f"Fraction({value.numerator}, {value.denominator})"
    if isinstance(value, (float, np.floating)):
        return str(float(value)) if isinstance(value, float) else f"{value!s}"
    if isinstance(value, (complex, np.complexfloating)):
        return f"the complex number {value}"
    if isinstance(value, np.ndarray):
        if value.ndim == 0 and value.dtype.kind in "iuf":
            return f"a 0-d array holding {describe(value[()])}"
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the str {shown!r}"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _real_scalar(value: object, name: str, expected: str) -> numbers.Real:
    """``value`` as a Python/NumPy real number, or ``TypeError`` naming ``name``."""
    if _is_bool(value):
        raise TypeError(f"{name} must be {expected}, got {describe(value)} (flags are not numbers)")
    if isinstance(value, numbers.Real):
        return value
    if isinstance(value, numbers.Complex):
        raise TypeError(f"{name} must be {expected}, got {describe(value)} (complex is not real)")
    if value is None or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be {expected}, got {describe(value)}")
    try:
        array = np.asarray(value)
    except Exception as error:  # torch tensors with gradient, ragged lists, ...
        raise TypeError(f"{name} must be {expected}, got {describe(value)}") from error
    if array.ndim != 0:
        raise TypeError(
            f"{name} must be {expected} (a single number), got {describe(array)}"
            if isinstance(value, np.ndarray)
            else f"{name} must be {expected} (a single number), got {describe(value)} "
            f"of shape {array.shape}"
        )
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be {expected}, got {describe(value)} of dtype {array.dtype}")
    return array[()]


def _to_float(value: numbers.Real, name: str, expected: str) -> float:
    """``float(value)``, or ``ValueError`` (never ``OverflowError``) beyond the float range."""
    try:
        with np.errstate(over="raise"):
            result = float(value)
    except (OverflowError, FloatingPointError):
        result = math.inf
    if math.isinf(result) and not (isinstance(value, (float, np.floating)) and np.isinf(value)):
        raise ValueError(
            f"{name} must be {expected} within {_FLOAT_RANGE}, got {describe(value)}"
        ) from None
    return result


def check_flag(value: object, name: str) -> bool:
    """Return ``value`` as a ``bool`` if it is ``True`` or ``False``, else raise.

    Parameters
    ----------
    value : object
        The argument to check.
    name : str
        The argument's name, used in the message.

    Returns
    -------
    bool
        ``bool(value)``.

    Raises
    ------
    TypeError
        If ``value`` is not a ``bool`` or ``numpy.bool_`` (``1``, ``"no"``, ``None``).

    Examples
    --------
    >>> check_flag(np.True_, "mean")
    True
    """
    if not _is_bool(value):
        raise TypeError(f"{name} must be True or False, got {describe(value)}")
    return bool(value)


def check_real(value: object, name: str) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``.

    Parameters
    ----------
    value : object
        A real scalar (see the module's rules).
    name : str
        The argument's name, used in the message.

    Returns
    -------
    float
        The value as a Python float.

    Raises
    ------
    TypeError
        If ``value`` is not a real scalar.
    ValueError
        If it is NaN, infinite or beyond the float range.

    Examples
    --------
    >>> check_real(Fraction(1, 4), "mu")
    0.25
    """
    number = _real_scalar(value, name, "a real number")
    result = _to_float(number, name, "a finite real number")
    if not math.isfinite(result):
        raise ValueError(f"{name} must be finite, got {result}")
    return result


def check_positive(value: object, name: str) -> float:
    """Return ``value`` as a float in (0, inf), or raise naming ``name``.

    Parameters
    ----------
    value : object
        A real scalar (see the module's rules).
    name : str
        The argument's name, used in the message.

    Returns
    -------
    float
        The value as a Python float, > 0 and finite.

    Raises
    ------
    TypeError
        If ``value`` is not a real scalar.
    ValueError
        If it is not finite or not > 0.

    Examples
    --------
    >>> check_positive(np.float32(0.5), "sigma")
    0.5
    """
    number = _real_scalar(value, name, "a real number")
    result = _to_float(number, name, "a real number in (0, inf)")
    if not math.isfinite(result):
        raise ValueError(f"{name} must be finite and in (0, inf), got {result}")
    if result <= 0:
        raise ValueError(f"{name} must be in (0, inf), got {describe(value)}")
    return result


def check_non_negative(value: object, name: str) -> float:
    """Return ``value`` as a float in [0, inf), or raise naming ``name``.

    For a penalty, a decay or a standard error, where 0 is allowed.

    Parameters
    ----------
    value : object
        A real scalar (see the module's rules).
    name : str
        The argument's name, used in the message.

    Returns
    -------
    float
        The value as a Python float, >= 0 and finite.

    Raises
    ------
    TypeError
        If ``value`` is not a real scalar.
    ValueError
        If it is not finite or is < 0.

    Examples
    --------
    >>> check_non_negative(0, "penalty")
    0.0
    """
    result = check_real(value, name)
    if result < 0:
        raise ValueError(f"{name} must be in [0, inf), got {describe(value)}")
    return result + 0.0  # -0.0 becomes +0.0


def _whole_number(value: object, name: str, expected: str) -> int:
    """``value`` as an exact int if it is a whole real number, else raise naming ``name``."""
    number = _real_scalar(value, name, expected)
    if isinstance(number, numbers.Integral):
        return int(number)
    if isinstance(number, Fraction):
        if number.denominator != 1:
            raise ValueError(f"{name} must be {expected}, got {describe(number)}")
        return number.numerator
    with np.errstate(over="ignore"):
        as_float = float(number)  # a long double beyond the float range becomes inf
    if not math.isfinite(as_float) or as_float != math.floor(as_float):
        raise ValueError(f"{name} must be {expected}, got {describe(value)}")
    return int(as_float)


def check_int_in_range(value: object, name: str, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]``, or raise naming ``name``.

    Parameters
    ----------
    value : object
        A whole real number (``3``, ``3.0``, ``np.int64(3)``, ``Fraction(3)``).
    name : str
        The argument's name, used in the message.
    low, high : int
        The allowed range, both ends included.

    Returns
    -------
    int
        The value as a Python int.

    Raises
    ------
    TypeError
        If ``value`` is not a real scalar.
    ValueError
        If it is not whole or not in ``[low, high]``.

    Examples
    --------
    >>> check_int_in_range(3.0, "n_steps", 1, 10)
    3
    """
    expected = f"an integer in [{low}, {high}]"
    integer = _whole_number(value, name, expected)
    if not low <= integer <= high:
        raise ValueError(f"{name} must be {expected}, got {describe(value)}")
    return integer


def check_count(value: object, name: str, *, high: int = MAX_COUNT) -> int:
    """Return ``value`` as a count, a whole number in ``[0, high]``, or raise naming ``name``.

    Parameters
    ----------
    value : object
        A whole real number: ``9``, ``9.0``, ``np.int64(9)`` and ``Fraction(9)`` are
        the same count; ``9.5``, ``-1``, NaN and inf are not counts.
    name : str
        The argument's name, used in the message.
    high : int, default MAX_COUNT
        The largest count allowed (``2**53`` unless the caller documents less).

    Returns
    -------
    int
        The count as a Python int.

    Raises
    ------
    TypeError
        If ``value`` is not a real scalar.
    ValueError
        If it is not whole, negative or above ``high``.

    Examples
    --------
    >>> check_count(9.0, "n_heads")
    9
    """
    expected = "a whole number >= 0"
    count = _whole_number(value, name, expected)
    if count < 0:
        raise ValueError(f"{name} must be {expected}, got {describe(value)}")
    if count > high:
        limit = "2**53" if high == MAX_COUNT else str(high)
        raise ValueError(f"{name} must be {expected} and at most {limit}, got {describe(value)}")
    return count


def check_choice(value: object, name: str, choices: Sequence[str]) -> str:
    """Return ``value`` if it is one of the strings ``choices``, else raise naming ``name``.

    Parameters
    ----------
    value : object
        The argument to check.
    name : str
        The argument's name, used in the message.
    choices : sequence of str
        The allowed options.

    Returns
    -------
    str
        ``value``.

    Raises
    ------
    TypeError
        If ``value`` is not a string.
    ValueError
        If it is not one of ``choices``.

    Examples
    --------
    >>> check_choice("ratio", "method", ["ratio", "product"])
    'ratio'
    """
    options = ", ".join(repr(choice) for choice in choices)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {options}, got {describe(value)}")
    if value not in choices:
        raise ValueError(f"{name} must be one of {options}, got {describe(value)}")
    return value


def _as_float_array(value: object, name: str) -> NDArray[np.float64]:
    """``value`` as a float64 array (any shape), or ``TypeError``/``ValueError`` naming it."""
    expected = "a real number or array of reals"
    if isinstance(value, numbers.Real) and not _is_bool(value):
        return np.asarray(_to_float(value, name, expected))
    if isinstance(value, (str, bytes)) or _is_bool(value) or value is None:
        raise TypeError(f"{name} must be {expected}, got {describe(value)}")
    if isinstance(value, numbers.Complex):
        raise TypeError(f"{name} must be {expected}, got {describe(value)}")
    try:
        array = np.asarray(value)
    except Exception as error:  # ragged lists, torch tensors with gradient, ...
        raise TypeError(f"{name} must be {expected}, got {describe(value)}") from error
    if array.dtype == object:
        items = array.ravel().tolist()
        if not all(isinstance(item, numbers.Real) and not _is_bool(item) for item in items):
            raise TypeError(f"{name} must be {expected}, got {describe(value)} with non-numbers")
        floats = [_to_float(item, name, expected) for item in items]
        return np.array(floats, dtype=np.float64).reshape(array.shape)
    if array.dtype.kind not in "iuf":
        raise TypeError(f"{name} must be {expected}, got dtype {array.dtype}")
    if array.dtype.kind == "f" and array.dtype.itemsize > 8:  # long double: may overflow
        with np.errstate(over="ignore"):
            return array.astype(np.float64)
    return array.astype(np.float64, copy=False)


def check_probability(
    theta: ArrayLike, name: str = "theta", *, open_interval: bool = False
) -> NDArray[np.float64]:
    """Return ``theta`` as a float array with every entry in [0, 1] (or (0, 1)).

    Parameters
    ----------
    theta : float or array_like
        Probabilities, any shape.
    name : str, default "theta"
        The argument's name, used in the message.
    open_interval : bool, default False
        Exclude 0 and 1.

    Returns
    -------
    numpy.ndarray
        ``theta`` as float64, same shape.

    Raises
    ------
    TypeError
        If ``theta`` is not real-valued.
    ValueError
        If an entry is NaN, inf or outside the interval.

    Examples
    --------
    >>> check_probability([0, 0.5]).tolist()
    [0.0, 0.5]
    """
    array = _as_float_array(theta, name)
    interval = "(0, 1)" if open_interval else "[0, 1]"
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite and in {interval}; got NaN or inf")
    if open_interval:
        outside = (array <= 0) | (array >= 1)
    else:
        outside = (array < 0) | (array > 1)
    if np.any(outside):
        raise ValueError(f"{name} must be in {interval}, got {array[outside].flat[0]}")
    return array


def check_probability_scalar(
    theta: object, name: str = "theta", *, open_interval: bool = False
) -> float:
    """Return a single probability as a float in [0, 1] (or (0, 1)), or raise naming it.

    The scalar form of :func:`check_probability`, for arguments that are one number
    (a starting value, say): use it instead of ``float(check_probability(...))``,
    whose ``float`` fails with NumPy's message for an array.

    Parameters
    ----------
    theta : object
        A real scalar (see the module's rules).
    name : str, default "theta"
        The argument's name, used in the message.
    open_interval : bool, default False
        Exclude 0 and 1.

    Returns
    -------
    float
        The probability.

    Raises
    ------
    TypeError
        If ``theta`` is not a real scalar (an array, a bool, a string, ...).
    ValueError
        If it is NaN, inf or outside the interval.

    Examples
    --------
    >>> check_probability_scalar(np.array(0.25))
    0.25
    """
    value = check_real(theta, name)
    interval = "(0, 1)" if open_interval else "[0, 1]"
    outside = not 0 < value < 1 if open_interval else not 0 <= value <= 1
    if outside:
        raise ValueError(f"{name} must be in {interval}, got {describe(theta)}")
    return value


def check_sample(
    sample: ArrayLike, name: str = "sample", *, non_negative: bool = False
) -> NDArray[np.float64]:
    """Return a non-empty 1-d float array of finite values (>= 0 if asked).

    Parameters
    ----------
    sample : array_like
        Observations.
    name : str, default "sample"
        The argument's name, used in the message.
    non_negative : bool, default False
        Also require every value to be >= 0.

    Returns
    -------
    numpy.ndarray
        ``sample`` as a 1-d float64 array.

    Raises
    ------
    TypeError
        If ``sample`` is not real-valued.
    ValueError
        If it is not 1-d, is empty, holds NaN or inf, or (if asked) a negative value.

    Examples
    --------
    >>> check_sample((1, 2.5)).tolist()
    [1.0, 2.5]
    """
    array = _as_float_array(sample, name)
    if array.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {array.shape}")
    if array.size == 0:
        raise ValueError(f"{name} must hold at least one observation, got none")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must hold finite values only; found NaN or inf")
    if non_negative and np.any(array < 0):
        raise ValueError(f"{name} must hold values in [0, inf), got {array.min()}")
    return array


def check_rng(rng: object, name: str = "rng") -> np.random.Generator:
    """Return ``rng`` if it is a NumPy ``Generator`` (seeded by the caller), else raise.

    Parameters
    ----------
    rng : object
        The argument to check.
    name : str, default "rng"
        The argument's name, used in the message.

    Returns
    -------
    numpy.random.Generator
        ``rng`` itself.

    Raises
    ------
    TypeError
        If ``rng`` is not a ``numpy.random.Generator`` (a seed such as ``0`` is not).

    Examples
    --------
    >>> check_rng(np.random.default_rng(0), "rng") is not None
    True
    """
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy Generator such as np.random.default_rng(0), "
            f"got {describe(rng)}"
        )
    return rng


def check_finite_result(value: ArrayLike, message: str) -> ArrayLike:
    """Return ``value`` if every entry is finite, else raise ``ValueError(message)``.

    Compute the result under ``numpy.errstate(all="ignore")`` and pass it here with a
    message that names the derived quantity and the arguments that made it overflow.

    Parameters
    ----------
    value : float or array_like
        A computed result.
    message : str
        What went out of range and why (shown to the caller).

    Returns
    -------
    float or array_like
        ``value`` unchanged.

    Raises
    ------
    ValueError
        If any entry of ``value`` is NaN or infinite.

    Examples
    --------
    >>> check_finite_result(2.0, "the information overflows")
    2.0
    """
    if not np.all(np.isfinite(value)):
        raise ValueError(message)
    return value

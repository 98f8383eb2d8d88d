"""Argument checks shared by every public helper.

Each check raises ``TypeError`` for a value of the wrong kind and ``ValueError``
for a value outside its allowed range, and the message always names the argument
and the range, so a learner sees *what* to fix rather than a numpy warning or NaN.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "check_count",
    "check_positive",
    "check_probability",
    "check_sample",
    "check_real",
    "check_int_in_range",
    "check_rng",
]


def _is_bool(value: object) -> bool:
    return isinstance(value, (bool, np.bool_))


def check_real(value: object, name: str) -> float:
    """Return ``value`` as a finite float, or raise naming ``name``."""
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(value).__name__}")
    result = float(value)
    if not math.isfinite(result):
        raise ValueError(f"{name} must be finite, got {result}")
    return result


def check_positive(value: object, name: str) -> float:
    """Return ``value`` as a float in (0, inf), or raise naming ``name``."""
    result = check_real(value, name)
    if result <= 0:
        raise ValueError(f"{name} must be in (0, inf), got {result}")
    return result


def check_count(value: object, name: str) -> int:
    """Return ``value`` as a non-negative int, or raise naming ``name``.

    Whole floats such as ``9.0`` are accepted; ``9.5``, ``-1``, NaN and inf are not.
    """
    if _is_bool(value) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a whole number >= 0, got {type(value).__name__}")
    as_float = float(value)
    if not math.isfinite(as_float) or as_float != math.floor(as_float):
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    if as_float < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return int(value)


def check_int_in_range(value: object, name: str, low: int, high: int) -> int:
    """Return ``value`` as an int in ``[low, high]``, or raise naming ``name``."""
    if _is_bool(value) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer in [{low}, {high}], got {type(value).__name__}")
    if not low <= int(value) <= high:
        raise ValueError(f"{name} must be an integer in [{low}, {high}], got {value}")
    return int(value)


def _as_float_array(value: object, name: str) -> NDArray[np.float64]:
    if isinstance(value, (str, bytes)) or _is_bool(value):
        raise TypeError(
            f"{name} must be a real number or array of reals, got {type(value).__name__}"
        )
    try:
        array = np.asarray(value)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be a real number or array of reals") from error
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
    ):
        raise TypeError(f"{name} must be a real number or array of reals, got dtype {array.dtype}")
    return array.astype(np.float64, copy=False)


def check_probability(
    theta: ArrayLike, name: str = "theta", *, open_interval: bool = False
) -> NDArray[np.float64]:
    """Return ``theta`` as a float array with every entry in [0, 1] (or (0, 1))."""
    array = _as_float_array(theta, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite and in [0, 1]; got NaN or inf")
    if open_interval:
        if np.any((array <= 0) | (array >= 1)):
            bad = array[(array <= 0) | (array >= 1)].flat[0]
            raise ValueError(f"{name} must be in (0, 1), got {bad}")
    elif np.any((array < 0) | (array > 1)):
        bad = array[(array < 0) | (array > 1)].flat[0]
        raise ValueError(f"{name} must be in [0, 1], got {bad}")
    return array


def check_sample(
    sample: ArrayLike, name: str = "sample", *, non_negative: bool = False
) -> NDArray[np.float64]:
    """Return a non-empty 1-d float array of finite values (>= 0 if asked)."""
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
    """Return ``rng`` if it is a NumPy ``Generator`` (seeded by the caller), else raise."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"{name} must be a numpy Generator such as np.random.default_rng(0), "
            f"got {type(rng).__name__}"
        )
    return rng

"""Helpers for the interactive textbook *Maximum Likelihood*.

One module per concept:

- :mod:`mle_book.likelihood` -- coin flips, the Bernoulli likelihood and its MLE;
- :mod:`mle_book.bayes` -- priors, posteriors, MAP and the log-odds reparametrisation;
- :mod:`mle_book.optimisation` -- gradient descent (by hand and autograd), Newton;
- :mod:`mle_book.information` -- entropy, cross-entropy, KL divergence;
- :mod:`mle_book.continuous` -- Gaussian and exponential densities and MLEs;
- :mod:`mle_book.plots` -- the chapters' static figures;
- :mod:`mle_book.widgets` -- the slider explorers, live and in the static book;
- :mod:`mle_book.exercises` -- self-checking exercise answers;
- :mod:`mle_book.answers` -- the answer boxes that check them in the page;
- :mod:`mle_book.uncertainty` -- information, standard errors, intervals and their coverage;
- :mod:`mle_book.models` -- linear, logistic and softmax regression as likelihoods.

Rules every public function follows
-----------------------------------
The checks live in one place (``mle_book._validation``), so every helper treats its
arguments the same way:

- **Errors name the argument.** A value of the wrong kind raises ``TypeError``; a value
  of the right kind outside its allowed range raises ``ValueError``. The message names
  the argument, the allowed range and what was passed. No helper lets an
  ``OverflowError``, ``ZeroDivisionError``, a NumPy broadcasting error or a warning
  escape, and none returns NaN.
- **Real numbers.** Wherever a single real number is expected, ``int``, ``float``,
  :class:`fractions.Fraction`, NumPy integer and floating scalars of any width, and 0-d
  arrays of those are all accepted. ``True``/``False``, complex numbers (even
  ``1+0j``), strings and ``None`` raise ``TypeError``; NaN, inf and numbers beyond the
  float range (``10**400``) raise ``ValueError``.
- **Counts** (heads, tails, flips, steps, points, batch sizes, ...) are whole numbers:
  ``3``, ``3.0``, ``np.int64(3)`` and ``Fraction(6, 2)`` are the same count. A fractional
  value such as ``4.5``, a negative one, or one above the documented maximum (never more
  than ``2**53``, so that every count is an exact float) raises ``ValueError``.
- **Flags** (``mean=``, ``project=``, ...) must be ``True`` or ``False`` (``bool`` or
  ``numpy.bool_``); ``1``, ``"no"`` or ``None`` raise ``TypeError`` rather than being
  read as true or false.
- **Arrays** are anything NumPy turns into an integer or floating array (lists, tuples,
  ``float32`` arrays, CPU torch tensors without gradient). Boolean, complex, string and
  object arrays raise ``TypeError``. Vectorised arguments keep their shape; samples must
  be non-empty and one-dimensional.
- **Options** given as strings (``method=``, ``scale=``, ...) must be one of the listed
  strings.
- **Randomness** comes from a ``numpy.random.Generator`` passed as ``rng`` (never a
  seed), so every result is reproducible by the caller.
- **Results** are finite. The only infinity a helper returns is ``-inf`` for the log of
  a zero likelihood (``+inf`` for the matching NLL), and only where its docstring says
  so. A derived quantity that would overflow raises ``ValueError`` naming it.
"""

__version__ = "0.1.0"

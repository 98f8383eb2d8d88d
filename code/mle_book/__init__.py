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
- :mod:`mle_book.models` -- linear, logistic and softmax regression as likelihoods.
"""

__version__ = "0.1.0"

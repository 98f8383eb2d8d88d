"""PyTorch settings (private).

Used by ``models.logistic_torch`` and ``models.train_softmax_classifier``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_thread() -> Iterator[None]:
    """Run torch's intra-op work on one thread, then restore the caller's setting.

    The helpers' tensors are tiny (at most a few thousand numbers), so a second thread
    has little work to share, while on a busy machine each step waits for OpenMP's other
    thread to get a core: in one measurement on a 2-core machine at 1-minute load average
    8-16, 3000 minibatch steps of ``models.train_softmax_classifier`` took 295 s of wall
    time with two threads and 10 s with one (same losses).

    Yields
    ------
    None
        Inside the block ``torch.get_num_threads() == 1``.

    Examples
    --------
    >>> import torch
    >>> before = torch.get_num_threads()
    >>> with one_thread():
    ...     torch.get_num_threads()
    1
    >>> torch.get_num_threads() == before
    True
    """
    import torch

    previous = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)

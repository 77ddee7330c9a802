"""Holding a release that loses more of the previous release's signatures than allowed,
until the loss is acknowledged (HEMICYCLE_MAX_SIGNATURE_LOSS, HEMICYCLE_ACCEPT_LOSS)."""

from __future__ import annotations

import os

from hemicycle.errors import ReleaseError, ReleaseHeld
from hemicycle.publish import changes as change_log

MAX_SIGNATURE_LOSS = 0.02
LOSS_LISTED = 20  # statements named in the message of a held release


def max_signature_loss() -> float:
    """The share of the previous release's signatures a release may lose unacknowledged:
    ``HEMICYCLE_MAX_SIGNATURE_LOSS`` (``0.05`` or ``5%``), else 2 %."""
    raw = os.environ.get("HEMICYCLE_MAX_SIGNATURE_LOSS", "").strip()
    if not raw:
        return MAX_SIGNATURE_LOSS
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise ReleaseError(f"HEMICYCLE_MAX_SIGNATURE_LOSS={raw!r} is not a share",
                           "write a share such as 0.02 or 2%") from None
    if not 0 <= value <= 1:
        raise ReleaseError(f"HEMICYCLE_MAX_SIGNATURE_LOSS={raw!r} is not between 0 and 100 %",
                           "write a share such as 0.02 or 2%")
    return value


def loss_accepted_by_environment() -> bool:
    return os.environ.get("HEMICYCLE_ACCEPT_LOSS", "").strip().lower() in ("1", "true", "yes")


def check_loss(loss: change_log.Loss, previous: str, allowed: float) -> None:
    """Raise ReleaseHeld when ``loss`` is more than ``allowed``, naming what was lost."""
    if loss.share <= allowed:
        return
    rows = loss.statements.head(LOSS_LISTED).to_dicts()
    lines = [f"release held: it would lose {loss.lost} of the {loss.previous_signatures} signatures of "
             f"release {previous} ({loss.share:.1%}, more than the {allowed * 100:g} % allowed), "
             f"in {loss.statements.height} statements:"]
    lines += [f"  {change_log.loss_line(row)}" for row in rows]
    if loss.statements.height > LOSS_LISTED:
        lines.append(f"  … and {loss.statements.height - LOSS_LISTED} more statements")
    raise ReleaseHeld("\n".join(lines), "if the loss is expected, publish with --accept-loss "
                      "(or HEMICYCLE_ACCEPT_LOSS=1); the threshold is HEMICYCLE_MAX_SIGNATURE_LOSS")

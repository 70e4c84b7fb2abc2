"""Hypothesis profiles: ``ci`` is thorough, ``dev`` (the default locally) is fast.

Select with ``HYPOTHESIS_PROFILE=ci``; CI sets it.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

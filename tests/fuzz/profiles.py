"""Hypothesis profiles for the fuzz tests.

- "ci" (the default): derandomized, so every run tries the same examples and a failure in CI
  is a failure on every machine; sized so that all of tests/fuzz/ runs in well under a minute.
- "explore": random and many more examples, to look for new bugs by hand:
      python -m pytest tests/fuzz --hypothesis-profile=explore
  or  CITEKIT_FUZZ_PROFILE=explore python -m pytest tests/fuzz
  A failure it finds is kept as an @example on the test that found it, then fixed.

tests/conftest.py imports this module too, so that the profiles exist before pytest reads
--hypothesis-profile, whichever tests are run.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

CI_EXAMPLES = 300
EXPLORE_EXAMPLES = 2000
PROFILE_VARIABLE = "CITEKIT_FUZZ_PROFILE"

# Generated inputs are large on purpose (whole files, long lines); that is not a problem here.
_QUIET = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much,
          HealthCheck.large_base_example]

settings.register_profile("ci", max_examples=CI_EXAMPLES, derandomize=True, deadline=None,
                          database=None, suppress_health_check=_QUIET, print_blob=True)
settings.register_profile("explore", max_examples=EXPLORE_EXAMPLES, derandomize=False, deadline=None,
                          suppress_health_check=_QUIET, print_blob=True)
settings.load_profile(os.environ.get(PROFILE_VARIABLE, "ci"))

"""Settings of the benchmark's server: Hamwe's own (read from the environment exactly as a
deployment reads them, HAMWE_MODE=production included), plus the floor view's route and
template, and the API throttle's rate raised for the run (its cost is still paid).

Nothing here is used outside `bench/`: the product's URLs and settings stay as they are.
"""

import copy

from hamwe.settings import *  # noqa: F403
from hamwe.settings import BASE_DIR, REST_FRAMEWORK, TEMPLATES

ROOT_URLCONF = "bench.urls"

TEMPLATES = copy.deepcopy(TEMPLATES)
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]

# The API's user throttle stays on (each API request still counts itself, one statement,
# as in production), but at 1200/min one token sending hundreds of requests a second would
# be measuring 429s. bench/load.py says so in its output.
THROTTLE_RATE_FOR_RUN = "1000000/min"
REST_FRAMEWORK = {
    **REST_FRAMEWORK,
    "DEFAULT_THROTTLE_RATES": {
        **REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "user": THROTTLE_RATE_FOR_RUN,
    },
}

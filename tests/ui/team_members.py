"""The team the page tests sign in as (the ``team`` fixture in conftest.py gives them their roles)."""

ANA, BEN, REV, RITA, NEW = ("ana@example.org", "ben@example.org", "rev@example.org", "rita@example.org",
                            "new@example.org")  # NEW has no role given: a reader
ROLES = ((RITA, "admin"), (ANA, "analyst"), (BEN, "analyst"), (REV, "reviewer"))

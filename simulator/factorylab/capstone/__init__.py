"""The capstone (unit 9): a team's full-line controller scored on hidden seeds.

* :func:`practice` scores a team's ``make_controller`` on the public practice
  seeds; :func:`score` on the team's hidden seeds, derived from the teacher's
  secret (HMAC, see :mod:`factorylab.control.checks.seeds`).
* Each seed is a run of two simulated hours of the full line with faults and
  operator episodes at seed-varied times (:mod:`factorylab.capstone.episodes`),
  scored by the published formula (:mod:`factorylab.capstone.formula`)
  against the reference capstone controller on the same seed.
* :func:`factorylab.capstone.classroom.score_class` scores a folder of team files and writes the
  leaderboard (``factorylab capstone score TEAMS_DIR --secret-file FILE``).

Team code is the students' own Python, run by the teacher as it is (no
sandbox): read it before a class-wide run, as you would any program.
"""

from __future__ import annotations

from .controllers import make_baseline_controller, make_estop_ignoring_controller, make_reference_controller
from .formula import POINTS
from .scoring import PRACTICE_SEEDS, CapstoneScore, hidden_seeds, practice, score

__all__ = [
    "POINTS",
    "PRACTICE_SEEDS",
    "CapstoneScore",
    "hidden_seeds",
    "make_baseline_controller",
    "make_estop_ignoring_controller",
    "make_reference_controller",
    "practice",
    "score",
]

"""Tests of the lab sources: their checks, hidden runs and teacher packs."""

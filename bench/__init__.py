"""Benchmarks, run by hand: synthetic archives, baselines and measurements (see each module)."""

"""Benchmarks (``make bench``): each figure beside its bare-library floor measured in the same run."""

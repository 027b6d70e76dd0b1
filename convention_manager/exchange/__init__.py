"""The convention file of interface.md: reading and writing it, checking it, comparing versions.

Pure: imports neither flask nor the models.
"""

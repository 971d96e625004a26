"""Typed terms + invoice lines -> findings. Pure: no database, no I/O.

Nothing in this package imports from ``monitor`` or ``workers``.
"""

"""Documents -> typed terms and invoices. Pure: no database, no network.

Nothing in this package imports from ``monitor`` or ``workers``.
"""

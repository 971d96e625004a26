"""Celery tasks and the APScheduler process: thin adapters that call ``monitor``."""

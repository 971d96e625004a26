"""Scheduling support: the lease that lets one scheduler process run the jobs."""

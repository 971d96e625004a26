"""The prisvagt application: settings, storage, domain services, alerts, web, CLI."""

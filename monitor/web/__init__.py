"""The web app: server-rendered pages (FastAPI + Jinja2) and the JSON API."""

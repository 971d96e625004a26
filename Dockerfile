# One image for the web app, the Celery workers and the scheduler.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY extractors ./extractors
COPY rules ./rules
COPY monitor ./monitor
COPY workers ./workers
RUN pip install --no-cache-dir ".[postgres,redis]"
RUN useradd --create-home prisvagt && mkdir -p /app/var && chown prisvagt /app/var
USER prisvagt
EXPOSE 8000
CMD ["prisvagt", "serve", "--host", "0.0.0.0", "--port", "8000"]

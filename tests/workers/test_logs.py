"""Worker log lines are JSON and carry the task and the ids it works on."""

from __future__ import annotations

import json
import logging

from workers import logs, tasks


def test_a_log_line_is_json_with_the_task_and_its_ids() -> None:
    record = logging.makeLogRecord(
        {"name": "prisvagt.tasks", "levelno": logging.INFO, "levelname": "INFO",
         "msg": "task started", "task": "invoices.parse", "task_id": "abc", "document_id": 7}
    )  # fmt: skip
    line = json.loads(logs.JsonFormatter().format(record))
    assert line["msg"] == "task started"
    assert (line["task"], line["task_id"], line["document_id"]) == ("invoices.parse", "abc", 7)


def test_the_ids_come_from_the_tasks_own_parameter_names() -> None:
    assert logs.ids_of(tasks.parse_invoice, (12,), {}) == {"document_id": 12}
    assert logs.ids_of(tasks.dispatch_alert, (), {"alert_id": 3}) == {"alert_id": 3}
    assert logs.ids_of(tasks.ingest_document, ("/in/.queued/1-a.xml", "a.xml"), {}) == {
        "path": "/in/.queued/1-a.xml"
    }

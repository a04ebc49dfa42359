"""A Celery app with Redis as broker and result backend, and one task.

pip install "celery[redis]"
Run a worker:  celery -A celery_tasks worker --loglevel=INFO
"""

import os

from celery import Celery

REDIS_URL = os.environ.get("REDIS_URL", "redis://localhost:6379/0")

app = Celery("tasks", broker=REDIS_URL, backend=REDIS_URL)
app.conf.update(
    # JSON only: never accept pickled messages from the broker.
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    result_expires=3600,
    # Retry the broker connection at worker startup; from Celery 6 only this setting decides.
    broker_connection_retry_on_startup=True,
)


@app.task
def process_data(data: dict[str, int]) -> dict[str, int]:
    """A stand-in for long-running work: sums the values it is given."""
    return {"items": len(data), "total": sum(data.values())}

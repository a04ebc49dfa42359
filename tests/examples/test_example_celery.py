"""data/examples/celery_tasks.py: run the task eagerly, then through a real Redis broker."""

import pytest
import redis
from celery.contrib.testing.worker import start_worker

DATA = {"a": 1, "b": 2, "c": 3}
EXPECTED = {"items": 3, "total": 6}


def test_app_configuration(load_example, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://example.invalid:6379/0")
    module = load_example("celery_tasks.py")
    conf = module.app.conf
    assert conf.broker_url == "redis://example.invalid:6379/0"
    assert conf.result_backend == "redis://example.invalid:6379/0"
    assert conf.accept_content == ["json"]
    assert conf.task_serializer == "json"
    # set explicitly: from Celery 6 it alone decides whether startup connections are retried
    assert conf.broker_connection_retry_on_startup is True
    assert module.process_data.name.endswith(".process_data")


def test_task_runs_eagerly_without_a_broker(load_example, monkeypatch):
    monkeypatch.setenv("REDIS_URL", "redis://example.invalid:6379/0")
    module = load_example("celery_tasks.py")

    # .apply() runs the task locally, in this process
    assert module.process_data.apply(args=[DATA]).get() == EXPECTED

    # task_always_eager makes .delay() do the same (useful in unit tests)
    module.app.conf.task_always_eager = True
    result = module.process_data.delay(DATA)
    assert result.successful()
    assert result.get() == EXPECTED


# Celery 5.7.0's Redis result backend stores results with redis-py's setex(), which redis-py
# 8.x marks as deprecated. The warning is raised inside Celery, not by the example's code;
# redis-py has since removed it (https://github.com/redis/redis-py/pull/4338), in a release
# after 8.1.0. Only that one warning is ignored; any other DeprecationWarning still fails.
@pytest.mark.filterwarnings("ignore:Call to deprecated setex:DeprecationWarning")
def test_task_runs_on_a_worker_through_redis(load_example, monkeypatch, redis_server):
    monkeypatch.setenv("REDIS_URL", redis_server.url)
    module = load_example("celery_tasks.py")

    with start_worker(module.app, pool="solo", perform_ping_check=False, shutdown_timeout=20):
        result = module.process_data.delay(DATA)
        assert result.get(timeout=30) == EXPECTED
        assert result.state == "SUCCESS"

    # The result really went through Redis: it is stored under Celery's result key.
    client = redis.Redis.from_url(redis_server.url)
    try:
        assert client.exists(f"celery-task-meta-{result.id}") == 1
    finally:
        client.close()

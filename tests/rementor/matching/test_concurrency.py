"""Two managers publishing at the same moment cannot pair anyone twice (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from rementor.matching import domain
from rementor.matching.models import Pair, PairStatus
from tests.rementor.matching.factories import matching_programme, mentee, mentor


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_never_pair_anyone_twice(manager):
    if connection.vendor != "postgresql":
        pytest.skip("row locks and concurrent transactions need PostgreSQL (CI runs it)")
    programme = matching_programme()
    for n in range(6):
        mentee(programme, needs={"linkedin": (1, 3, 3)}, email=f"e{n}@example.org")
    for n in range(4):
        mentor(programme, levels={"linkedin": 4}, capacity=1, email=f"m{n}@example.org")
    # Two runs made before either is published, as two managers would see them.
    runs = [domain.create_run_now(programme=programme, by=manager) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def publish(run):
        try:
            barrier.wait()
            domain.publish_run(run=run, by=manager)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=publish, args=(run,)) for run in runs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    active = Pair.objects.filter(programme=programme, status=PairStatus.ACTIVE)
    assert active.count() == 4
    assert len(set(active.values_list("mentee_id", flat=True))) == 4
    assert len(set(active.values_list("mentor_id", flat=True))) == 4

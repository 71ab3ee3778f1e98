"""The data centre's tests use a real Mosquitto broker and a real PostgreSQL cluster (tests/services.py)."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from factorylab.datacenter.store import open_store
from tests.datacenter.messages import FakeLine
from tests.services import mosquitto, postgres  # noqa: F401

UTC = datetime.timezone.utc
EVENING = datetime.datetime(2025, 3, 14, 23, 0, tzinfo=UTC)  # 08:00 on the 15th in Seoul


@pytest.fixture
def hand_made(tmp_path: Path):
    """Line a (one run across midnight UTC) and line b (two runs on the 14th), with known parts and faults."""
    a = FakeLine("s1", "a", seed=1, start=EVENING)
    records = [a.meta()]
    records.append(a.tags(oee=70.0, good=1, dt=60, availability=90.0, performance=85.0, quality=91.5))
    records += [a.part(1), a.part(2, defect=True, cause="soft"), a.part(3)]
    records.append(a.fault(1, "start", "jam"))
    records.append(a.tags(oee=75.0, good=2, dt=60, availability=91.0, performance=86.0, quality=95.8))
    records.append(a.fault(1, "end", "jam"))
    records.append(a.tags(oee=76.0, good=3, dt=3420, availability=92.0, performance=87.0, quality=94.7))  # 23:59
    records.append(a.tags(oee=77.5, good=4, dt=660, availability=93.0, performance=88.0, quality=94.0))  # 00:10
    records += [a.part(4, defect=True, cause="machining", failure="TWF"), a.part(5)]
    records.append(a.fault(2, "start", "bearing_wear"))
    b1 = FakeLine("s1", "b", seed=2, start=EVENING)
    records += [b1.meta(), b1.tags(oee=60.0, dt=30), b1.part(1), b1.tags(oee=61.0, dt=30)]
    b2 = FakeLine("s1", "b", seed=2, start=EVENING + datetime.timedelta(minutes=20))  # restarted
    records += [b2.meta(), b2.tags(oee=50.0, dt=600)]
    with open_store(f"sqlite:///{tmp_path / 'dc.sqlite'}") as opened:
        opened.ingest(records)
        yield opened

"""Contract messages (factorylab/v1) of a made-up line, for the data centre's tests and benchmark."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

from factorylab.data.dataset import PART_COLUMNS
from factorylab.uplink.schema import encode, topic

START = datetime.datetime(2025, 3, 14, 0, 30, tzinfo=datetime.timezone.utc)
TAGS = [
    {"name": "production.oee", "table": "input_register", "unit": "%", "type": "uint16",
     "description_en": "OEE so far", "description_ko": "지금까지의 OEE"},
    {"name": "production.parts_good", "table": "input_register", "unit": "pcs", "type": "uint32",
     "description_en": "Good parts", "description_ko": "양품 수"},
    {"name": "conveyor1.current", "table": "input_register", "unit": "A", "type": "uint16",
     "description_en": "Conveyor1 motor current", "description_ko": "컨베이어1 모터 전류"},
    {"name": "stack_light.green", "table": "coil", "unit": "", "type": "bool",
     "description_en": "Green lamp", "description_ko": "녹색 램프"},
]  # fmt: skip


def wall(at: datetime.datetime) -> str:
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


class FakeLine:
    """One run of one line: every call makes its next message (seq 1, 2, 3 ...), as the uplink would."""

    def __init__(self, site: str = "school-a", line: str = "line-01", *, seed: int = 1, start=START) -> None:
        self.site = site
        self.line = line
        self.seed = seed
        self.run = uuid.uuid4().hex
        self.seq = 0
        self.t = 0.0
        self.start = start

    def _head(self, kind: str, *, seq: int | None = None) -> dict[str, Any]:
        if seq is None:
            self.seq += 1
            seq = self.seq
        at = self.start + datetime.timedelta(seconds=self.t)
        return {"schema": "factorylab/v1", "kind": kind, "site": self.site, "line": self.line, "run": self.run,
                "seq": seq, "t": round(self.t, 3), "wall": wall(at)}  # fmt: skip

    def meta(self) -> dict[str, Any]:
        return {**self._head("meta", seq=0), "scenario": "line", "seed": self.seed, "variant": 0,
                "version": "0.1.0", "every": 1.0, "tags": TAGS}  # fmt: skip

    def tags(self, oee: float = 80.0, good: int = 0, dt: float = 1.0, **more: float) -> dict[str, Any]:
        """A tags message ``dt`` s after the previous one; ``more``: other production.* values by short name."""
        self.t += dt
        values = {"production.oee": oee, "production.parts_good": good, "conveyor1.current": 1.25,
                  "stack_light.green": 1, **{f"production.{k}": v for k, v in more.items()}}  # fmt: skip
        units = {"production.oee": "%", "production.parts_good": "pcs", "conveyor1.current": "A"}
        units.update({f"production.{k}": "%" for k in more})
        return {**self._head("tags"), "values": values, "units": units}

    def event(self, kind: str = "part_fed", part: int | None = 1, detail: str = "A") -> dict[str, Any]:
        return {**self._head("event"), "event": {"kind": kind, "part": part, "detail": detail}}

    def fault(self, fault_id: int = 1, state: str = "start", label: str = "jam", target: str = "conveyor1"):
        end = None if state == "start" else self.t
        return {**self._head("fault"), "fault": {"id": fault_id, "label": label, "target": target, "state": state,
                                                 "start": max(0.0, self.t - 1.0), "end": end}}  # fmt: skip

    def part(self, part_id: int = 1, *, defect: bool = False, cause: str = "", failure: str = "") -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, *_ in PART_COLUMNS:
            values[name] = 0.5
        modes = ("TWF", "HDF", "PWF", "OSF", "RNF", "TBF")
        values.update({"part_id": part_id, "type": "A", "grade": "M", "machine_failure": int(bool(failure)),
                       **{m: int(m == failure) for m in modes}, "inspection_ok": int(not defect),
                       "defect": int(defect), "defect_cause": cause, "destination": "outfeed", "missorted": 0,
                       "finished_at": self.t, "dwell": None})  # fmt: skip
        return {**self._head("part"), "part": values}

    def stream(self, n: int) -> list[dict[str, Any]]:
        """``n`` messages: a meta, then tags with an event, a part or a fault now and then."""
        out = [self.meta()]
        part = 0
        while len(out) < n:
            k = len(out) % 10
            if k == 3:
                out.append(self.event(part=part + 1))
            elif k == 7:
                part += 1
                out.append(self.part(part, defect=part % 5 == 0, cause="soft" if part % 5 == 0 else ""))
            elif k == 9 and len(out) % 50 == 9:
                out.append(self.fault(fault_id=len(out)))
            else:
                out.append(self.tags(good=part))
        return out


def payload(record: dict[str, Any]) -> tuple[str, bytes]:
    """(topic, payload) of a record, checked by the uplink's own encoder."""
    return topic(record["site"], record["line"], record["kind"]), encode(record)


class Publisher:
    """A paho MQTT publisher (QoS 1) of contract messages, as an uplink would send them."""

    def __init__(self, url: str, *, version: int = 5, client_id: str | None = None) -> None:
        import paho.mqtt.client as mqtt
        from paho.mqtt.enums import CallbackAPIVersion

        host, port = url.removeprefix("mqtt://").rsplit(":", 1)
        self.client = mqtt.Client(
            callback_api_version=CallbackAPIVersion.VERSION2,
            client_id=client_id or f"test-pub-{uuid.uuid4().hex[:8]}",
            protocol=mqtt.MQTTv5 if version == 5 else mqtt.MQTTv311,
        )
        self.client.max_inflight_messages_set(1000)
        self.client.max_queued_messages_set(0)
        self.client.connect(host, int(port))
        self.client.loop_start()
        self.infos: list[Any] = []

    def send(self, record: dict[str, Any]) -> None:
        name, data = payload(record)
        self.raw(name, data, retain=record["kind"] == "meta")

    def raw(self, name: str, data: bytes, *, retain: bool = False) -> None:
        self.infos.append(self.client.publish(name, data, qos=1, retain=retain))

    def flush(self, timeout: float = 30.0) -> None:
        """Wait until the broker acknowledged everything sent."""
        for info in self.infos:
            info.wait_for_publish(timeout)
        self.infos.clear()

    def close(self) -> None:
        self.flush()
        self.client.disconnect()
        self.client.loop_stop()

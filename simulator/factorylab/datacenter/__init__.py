"""The data centre: lines uplink over MQTT, a collector stores what they send, the class compares its lines.

::

    factorylab datacenter collect --embedded-broker --db sqlite:///class.sqlite   # a teacher, no server
    factorylab datacenter collect --broker mqtt://broker.school:1883 --db postgresql://dc@db/factorylab
    factorylab datacenter report --db sqlite:///class.sqlite      # OEE, good parts, defects, failures per line and day
    factorylab datacenter serve --db sqlite:///class.sqlite       # the same as a page, http://127.0.0.1:8030
    factorylab datacenter export --db sqlite:///class.sqlite --out class-data   # open data, CC BY 4.0

* :mod:`.store`: the tables (SQLite by default, PostgreSQL with psycopg 3, TimescaleDB
  hypertables when the extension is there) and the idempotent ingest;
* :mod:`.collector`: the MQTT subscriber (persistent session, acknowledges a message only
  once it is committed);
* :mod:`.broker`: an embedded MQTT broker (amqtt) for a classroom with no administrator;
  a school or a region runs Mosquitto (or an EMQX cluster) instead;
* :mod:`.queries`: pandas tables for the class (OEE, defects, failures per line and day; parts);
* :mod:`.export`: the open-data export (CSV or Parquet and a JSON sidecar);
* :mod:`.web`: the page that compares lines; :mod:`.command`: ``factorylab datacenter``.

The message scheme (topics, payloads) is :mod:`factorylab.uplink.schema`'s.
MQTT here has no TLS and no passwords: keep the broker on the school's network.
"""

from __future__ import annotations

from .store import DEFAULT_URL, IngestResult, Reject, Store, StoreError, open_store

__all__ = ["DEFAULT_URL", "IngestResult", "Reject", "Store", "StoreError", "open_store"]

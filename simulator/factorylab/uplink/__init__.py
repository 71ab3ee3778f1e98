"""The uplink: a line's data to a data centre over MQTT.

``factorylab sim --uplink mqtt://HOST:PORT`` (and the classroom, for every
line) publishes tag values at a chosen rate, events, faults and one record
per finished part, on the topics and in the JSON payloads of
:mod:`.schema` (``factorylab/v1/{site}/{line}/{kind}``), with MQTT 5 and QoS 1.

* :mod:`.schema`: topics and payloads (pure Python; the collector checks with it);
* :mod:`.buffer`: the on-disk queue (SQLite) where every record waits until
  the broker has acknowledged it, and a while after (the replay window);
* :mod:`.sender`: :class:`UplinkSender`, one MQTT client in a thread of its
  own for one or many lines, and each line's runtime attachment
  (:meth:`UplinkSender.channel`): the tick only hands records over, it never
  waits on the disk or the network;
* :mod:`.command`: the command-line options and the sender they ask for.

Layering: uplink/ imports runtime, tags, plant and data; only uplink/ (and the
data centre) import paho-mqtt. No TLS and no authentication in this version:
use it on a school's own network.
"""

from .schema import DEFAULT_TAGS, KINDS, SCHEMA, TOPIC_ROOT, PayloadError, decode, encode, parse_topic, topic

__all__ = [
    "DEFAULT_TAGS",
    "KINDS",
    "SCHEMA",
    "TOPIC_ROOT",
    "PayloadError",
    "decode",
    "encode",
    "parse_topic",
    "topic",
]

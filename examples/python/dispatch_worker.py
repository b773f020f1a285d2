#!/usr/bin/env python3
"""A dispatch worker: reads kroute's decisions (Avro, decoded through kroute's schema registry), "calls" the
chosen provider, and sends the reward back to `rewards` (Avro, with the schema kroute registered at start-up,
so this producer never registers one).

    /usr/bin/python3 examples/python/dispatch_worker.py --bootstrap-servers $(cat .kroute/broker.address) \\
        --schema-registry-url http://127.0.0.1:8081 --id-prefix py --count 10

confluent-kafka reads committed records only by default, as a consumer of kroute's exactly-once output must.
Prints one line per decision: prompt id, class, provider and propensity. Stops after --count decisions whose
prompt id starts with --id-prefix (or after --timeout seconds).
"""
import argparse
import time
import uuid
from datetime import datetime, timezone

from confluent_kafka import Consumer, Producer

from confluent_avro import Registry, decode, encode


def call_provider(decision):
    """Stands in for the real call: success, latency, cost and a quality score."""
    return {'success': True, 'latencyMs': 420, 'costUsd': 0.0012, 'qualityScore': 0.9}


def main():
    parser = argparse.ArgumentParser(description='Read decisions, send rewards.')
    parser.add_argument('--bootstrap-servers', required=True)
    parser.add_argument('--schema-registry-url', required=True)
    parser.add_argument('--id-prefix', default='')
    parser.add_argument('--count', type=int, default=10)
    parser.add_argument('--timeout', type=float, default=60)
    args = parser.parse_args()

    registry = Registry(args.schema_registry_url)
    reward_id, reward_schema = registry.latest('rewards-value')
    consumer = Consumer({'bootstrap.servers': args.bootstrap_servers, 'group.id': 'dispatch-' + uuid.uuid4().hex[:8],
                         'auto.offset.reset': 'earliest'})
    consumer.subscribe(['decisions'])
    producer = Producer({'bootstrap.servers': args.bootstrap_servers})
    handled = 0
    deadline = time.time() + args.timeout
    while handled < args.count and time.time() < deadline:
        message = consumer.poll(0.5)
        if message is None or message.error():
            continue
        decision = decode(registry, message.value())
        if not decision['promptId'].startswith(args.id_prefix):
            continue
        outcome = call_provider(decision)
        reward = dict(outcome, promptId=decision['promptId'], provider=decision['provider'],
                      observedAt=datetime.now(timezone.utc))
        producer.produce('rewards', key=decision['promptId'], value=encode(reward_id, reward_schema, reward))
        print(decision['promptId'], decision['label'], decision['provider'], '%.3f' % decision['propensity'])
        handled += 1
    producer.flush(30)
    consumer.close()
    if handled < args.count:
        raise SystemExit('read %d decisions within %.0f s, expected %d' % (handled, args.timeout, args.count))


if __name__ == '__main__':
    main()

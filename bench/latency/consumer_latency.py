#!/usr/bin/env python3
"""Time from a decision's record timestamp to its receipt, for a confluent-kafka (librdkafka) consumer with
default settings and, in the same run, a Java consumer with isolation.level=read_committed.

A decision's record timestamp is its prompt's (kroute keeps the input's timestamp), so the figure covers the
whole trip: the prompt's produce, kroute's decision and exactly-once commit, and the consumer's fetch. Prompts
are JSON, so kroute must run with --prompt-format json:

    ./kroute run --prompt-format json                 # in another terminal
    /usr/bin/python3 bench/latency/consumer_latency.py --rate 100 --seconds 40 --warmup 10

Both consumers start at the end of `decisions`; prompts are sent at --rate per second on a fixed schedule for
--seconds; decisions of prompts sent during the first --warmup seconds (kroute's JIT warming up) are not
counted. Prints one JSON object with n, p50, p99 and max in ms per consumer.
"""
import argparse
import json
import os
import subprocess
import sys
import threading
import time
import uuid

from confluent_kafka import Consumer, Producer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def default_bootstrap():
    path = os.path.join('.kroute', 'broker.address')
    if os.path.exists(path):
        with open(path) as f:
            return f.read().strip()
    raise SystemExit('no --bootstrap-servers given and no .kroute/broker.address (is ./kroute run up?)')


def percentiles(values):
    if not values:
        return {'n': 0}
    values = sorted(values)
    return {'n': len(values), 'p50': values[len(values) // 2], 'p99': values[min(len(values) - 1, int(len(values) * 0.99))],
            'max': values[-1]}


def start_java_probe(bootstrap, seconds):
    jar = os.path.join(ROOT, 'app', 'target', 'kroute.jar')
    probe = os.path.join(ROOT, 'bench', 'latency', 'DecisionLatencyProbe.java')
    process = subprocess.Popen(['java', '-cp', jar, probe, bootstrap, str(seconds)], stdout=subprocess.PIPE,
                               text=True)
    line = process.stdout.readline().strip()
    if line != 'READY':
        raise SystemExit('the Java probe did not start: %r' % line)
    return process


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--bootstrap-servers')
    parser.add_argument('--rate', type=float, default=100.0, help='prompts per second')
    parser.add_argument('--seconds', type=float, default=40.0, help='how long prompts are sent')
    parser.add_argument('--warmup', type=float, default=10.0, help='seconds of prompts not counted')
    args = parser.parse_args()
    bootstrap = args.bootstrap_servers or default_bootstrap()
    run = uuid.uuid4().hex[:8]

    consumer = Consumer({'bootstrap.servers': bootstrap, 'group.id': 'latency-probe-python-' + run,
                         'auto.offset.reset': 'latest'})
    consumer.subscribe(['decisions'])
    deadline = time.time() + 30
    while not consumer.assignment() and time.time() < deadline:
        consumer.poll(0.1)
    java = start_java_probe(bootstrap, int(args.seconds + 20))

    counted = set()
    producer = Producer({'bootstrap.servers': bootstrap})
    sending_done = threading.Event()

    def send():
        start = time.time()
        count = int(args.seconds * args.rate)
        for i in range(count):
            due = start + i / args.rate
            pause = due - time.time()
            if pause > 0:
                time.sleep(pause)
            prompt_id = 'lat-%s-%d' % (run, i)
            if i >= args.warmup * args.rate:
                counted.add(prompt_id)
            prompt = {'id': prompt_id, 'tenant': 'bench', 'text': 'Summarize this article about rivers please',
                      'createdAt': int(time.time() * 1000)}
            producer.produce('prompts', key=prompt_id, value=json.dumps(prompt))
            producer.poll(0)
        producer.flush(30)
        sending_done.set()

    java_latencies = {}

    def read_java():
        for line in java.stdout:
            latency, key = line.split(' ', 1)
            java_latencies[key.strip()] = float(latency)

    threading.Thread(target=send, daemon=True).start()
    java_reader = threading.Thread(target=read_java, daemon=True)
    java_reader.start()

    python_latencies = {}
    expected = int((args.seconds - args.warmup) * args.rate)
    stop = time.time() + args.seconds + 15
    while time.time() < stop:
        message = consumer.poll(0.1)
        if message is None or message.error():
            if sending_done.is_set() and len([k for k in python_latencies if k in counted]) >= expected:
                break
            continue
        python_latencies[message.key().decode()] = time.time() * 1000 - message.timestamp()[1]
    consumer.close()
    java.wait(timeout=args.seconds + 30)
    java_reader.join(timeout=5)

    report = {
        'rate': args.rate, 'seconds': args.seconds, 'warmup': args.warmup, 'counted_prompts': len(counted),
        'python_confluent_kafka_defaults': percentiles([v for k, v in python_latencies.items() if k in counted]),
        'java_read_committed': percentiles([v for k, v in java_latencies.items() if k in counted]),
    }
    print(json.dumps(report))


if __name__ == '__main__':
    sys.exit(main())

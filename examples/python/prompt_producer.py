#!/usr/bin/env python3
"""Send prompts to kroute as JSON (run kroute with --prompt-format json), keyed by prompt id, with
confluent-kafka's default settings: kroute needs no particular partitioner.

    /usr/bin/python3 examples/python/prompt_producer.py --bootstrap-servers $(cat .kroute/broker.address) \\
        --count 10 --id-prefix py

Prints one line per prompt: its id and the partition it was written to.
"""
import argparse
import json
import time

from confluent_kafka import Producer

TEXTS = ['Translate good morning into French', 'Write a Python function that reverses a list',
         'What is the integral of x squared', 'Summarise this article about rivers in two sentences']


def main():
    parser = argparse.ArgumentParser(description='Send JSON prompts to kroute.')
    parser.add_argument('--bootstrap-servers', required=True)
    parser.add_argument('--count', type=int, default=10)
    parser.add_argument('--id-prefix', default='py')
    parser.add_argument('--tenant', default='acme')
    args = parser.parse_args()

    producer = Producer({'bootstrap.servers': args.bootstrap_servers})

    def delivered(error, message):
        if error is not None:
            raise SystemExit('cannot send %s: %s' % (message.key(), error))
        print(message.key().decode(), message.partition())

    for i in range(args.count):
        prompt_id = '%s-%d' % (args.id_prefix, i)
        prompt = {'id': prompt_id, 'tenant': args.tenant, 'text': TEXTS[i % len(TEXTS)],
                  'createdAt': int(time.time() * 1000)}
        producer.produce('prompts', key=prompt_id, value=json.dumps(prompt), on_delivery=delivered)
    if producer.flush(30) != 0:
        raise SystemExit('some prompts were not delivered within 30 s')


if __name__ == '__main__':
    main()

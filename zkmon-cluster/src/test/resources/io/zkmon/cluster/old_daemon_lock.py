"""Holds the alerter lock of a zkmon cluster exactly as the old zk_monitor daemon did, through nd_service_registry over
kazoo: it registers <base>/agents/<name> (ephemeral, the JSON nd_service_registry writes) and then takes a lease of
kazoo's Semaphore on <base>/locks/alerter with acquire(blocking=False). It prints LEASED or NOT-LEASED and holds on
until it is killed, as the old daemon held the lease for its lifetime.

usage: python3 old_daemon_lock.py HOSTS BASE NAME
"""
import json
import os
import sys
import time

from kazoo.client import KazooClient

hosts, base, name = sys.argv[1:4]
zk = KazooClient(hosts=hosts, timeout=4.0)
zk.start(timeout=30)
zk.create('%s/agents/%s' % (base, name),
          json.dumps({'pid': os.getpid(), 'created': time.strftime('%Y-%m-%d %H:%M:%S')}).encode('utf-8'),
          ephemeral=True, makepath=True)
lock = zk.Semaphore('%s/locks/alerter' % base, name, max_leases=1)
print('LEASED' if lock.acquire(blocking=False) else 'NOT-LEASED', flush=True)
while True:
    time.sleep(1)

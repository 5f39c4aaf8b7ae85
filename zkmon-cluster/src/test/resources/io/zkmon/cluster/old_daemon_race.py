"""The old zk_monitor daemon taking its alerter lease, stopped at the worst moment: kazoo's Semaphore, acquire(blocking=False),
exactly as the old daemon called it, except that between counting the lease holders (under kazoo's mutex
<base>/locks/alerter-__lock__) and creating its lease it prints COUNTED <n> and waits for a line on stdin. It then prints
LEASED or NOT-LEASED and holds on until it is killed.

usage: python3 old_daemon_race.py HOSTS BASE NAME
"""
import json
import os
import sys
import time

from kazoo.client import KazooClient
from kazoo.exceptions import CancelledError
from kazoo.retry import ForceRetryError
from kazoo.recipe.lock import Semaphore


class PausingSemaphore(Semaphore):
    """kazoo 2.8's Semaphore._get_lease with a pause between the count and the create."""

    def _get_lease(self, data=None):
        if self._session_expired:
            raise ForceRetryError("Retry on session loss at top")
        if self.cancelled:
            raise CancelledError("Semaphore cancelled")
        children = self.client.get_children(self.path, self._watch_lease_change)
        print('COUNTED %d' % len(children), flush=True)
        sys.stdin.readline()
        if len(children) < self.max_leases:
            self.client.create(self.create_path, self.data, ephemeral=True)
        self.is_acquired = bool(self.client.exists(self.create_path))
        return self.is_acquired


hosts, base, name = sys.argv[1:4]
zk = KazooClient(hosts=hosts, timeout=4.0)
zk.start(timeout=30)
zk.create('%s/agents/%s' % (base, name),
          json.dumps({'pid': os.getpid(), 'created': time.strftime('%Y-%m-%d %H:%M:%S')}).encode('utf-8'),
          ephemeral=True, makepath=True)
lock = PausingSemaphore(zk, '%s/locks/alerter' % base, name, max_leases=1)
print('LEASED' if lock.acquire(blocking=False) else 'NOT-LEASED', flush=True)
while True:
    time.sleep(1)

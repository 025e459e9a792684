"""The benchmark's reading of a build's memory (benchmarks.buildmeasure): what a forked worker
shares with its parent counts once, and a process that has gone counts nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import pytest

from benchmarks.buildmeasure import _proportional_bytes, tree_memory_bytes

pytestmark = pytest.mark.skipif(not os.path.exists("/proc/self/smaps_rollup"), reason="needs Linux /proc")

MB = 2**20

# a parent that holds 200 MB of its own, then forks a child that sleeps: they share those pages
PARENT = textwrap.dedent("""
    import os, sys, time
    held = bytearray(os.urandom(1024)) * (200 * 1024)  # 200 MB, every page touched
    child = os.fork()
    if child == 0:
        time.sleep(60)
        os._exit(0)
    print(child, flush=True)
    sys.stdin.readline()
    os.kill(child, 9)
    os.waitpid(child, 0)
""")


def test_a_forked_child_counts_its_shared_pages_once():
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        child = int(parent.stdout.readline())
        time.sleep(0.2)
        total = tree_memory_bytes(parent.pid)
        child_rss = int(open(f"/proc/{child}/stat").read().rsplit(")", 1)[1].split()[21]) * os.sysconf("SC_PAGE_SIZE")
        assert child_rss > 190 * MB  # the child does map the 200 MB
        assert 195 * MB < total < 300 * MB  # the sum of RSS would be above 390 MB
    finally:
        parent.communicate("\n", timeout=30)


def test_a_process_gone_before_its_pss_is_read_counts_nothing():
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    # its RSS was read a moment before (as tree_memory_bytes reads /proc/PID/stat): it still counts 0
    assert _proportional_bytes(gone.pid, rss=1000 * MB) == 0
    assert tree_memory_bytes(gone.pid) == 0

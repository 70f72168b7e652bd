#!/usr/bin/env python3
"""A loopback TCP listener that can be switched into a black hole, for benchmarks/probe-scaling.sh.

    tcp-target.py PORT

Binds 127.0.0.1:PORT and accepts and closes every connection (a TCP check's healthy
dependency). SIGUSR1 black-holes it, SIGUSR2 makes it healthy again.

Black-holed means that a connect neither completes nor is refused, as behind a route that
silently drops packets: the listener is replaced by one that never accepts and whose accept
queue is already full, so the kernel drops every new SYN and a client notices only through its
own connect timeout.
"""

import signal
import socket
import sys
import threading

HEALTHY_BACKLOG = 4096

lock = threading.Lock()
state = {"listener": None, "fillers": []}


def listen(port, backlog):
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(backlog)
    return listener


def accept_and_close(listener):
    while True:
        try:
            connection, _ = listener.accept()
        except OSError:
            return
        connection.close()


def heal(port):
    with lock:
        close_current()
        listener = listen(port, HEALTHY_BACKLOG)
        state["listener"] = listener
        threading.Thread(target=accept_and_close, args=(listener,), daemon=True).start()


def black_hole(port):
    with lock:
        close_current()
        listener = listen(port, 0)
        state["listener"] = listener
        # Linux queues backlog + 1 connections: fill the queue with our own, never accepted.
        for _ in range(8):
            filler = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            filler.settimeout(0.2)
            try:
                filler.connect(("127.0.0.1", port))
            except OSError:
                filler.close()
                break
            state["fillers"].append(filler)


def close_current():
    for filler in state["fillers"]:
        filler.close()
    state["fillers"] = []
    if state["listener"] is not None:
        # shutdown() wakes a thread blocked in accept(); close() alone would leave it listening.
        try:
            state["listener"].shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        state["listener"].close()
        state["listener"] = None


def main(args):
    if len(args) != 1:
        raise SystemExit(__doc__)
    port = int(args[0])
    heal(port)
    signal.signal(signal.SIGUSR1, lambda *_: black_hole(port))
    signal.signal(signal.SIGUSR2, lambda *_: heal(port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    print("listening", flush=True)
    while True:
        signal.pause()


if __name__ == "__main__":
    main(sys.argv[1:])

#!/usr/bin/env python3
"""A loopback TCP proxy that can be switched into a black hole, for benchmarks/probe-cost.sh;
benchmarks/startup-wait.py imports it as the forwarder that makes its database answer.

    blackhole.py LISTEN_PORT:TARGET_HOST:TARGET_PORT [...]   proxy each listener to its target
    blackhole.py LISTEN_PORT                                 always a black hole

Every listener binds 127.0.0.1 only. The process starts passing traffic; SIGUSR1 black-holes
every listener, SIGUSR2 lets traffic pass again.

Black-holed means what a silently dropped route looks like to a client: new connections are
accepted and then never answered, and connections already open (a pool's idle connections)
stop delivering bytes in either direction. Nothing is refused or reset, so a client only
notices through its own timeouts. Held bytes are delivered if traffic passes again.
"""

import signal
import socket
import sys
import threading

# Set while traffic passes; cleared while black-holed.
passing = threading.Event()

# Black-holed sockets are kept referenced so that they stay open.
held = []


def pump(source, destination):
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            passing.wait()
            destination.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, destination):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def serve(listener, target):
    while True:
        try:
            client, _ = listener.accept()
        except OSError:
            return
        if target is None or not passing.is_set():
            held.append(client)
            continue
        try:
            upstream = socket.create_connection(target, timeout=5)
            upstream.settimeout(None)
        except OSError:
            client.close()
            continue
        for s in (client, upstream):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
        threading.Thread(target=pump, args=(upstream, client), daemon=True).start()


def parse(spec):
    parts = spec.split(":")
    if len(parts) == 1:
        return int(parts[0]), None
    if len(parts) == 3:
        return int(parts[0]), (parts[1], int(parts[2]))
    raise SystemExit(f"bad listener '{spec}': expected LISTEN_PORT[:TARGET_HOST:TARGET_PORT]")


def main(specs):
    if not specs:
        raise SystemExit(__doc__)
    listeners = [parse(spec) for spec in specs]
    passing.set()
    signal.signal(signal.SIGUSR1, lambda *_: passing.clear())
    signal.signal(signal.SIGUSR2, lambda *_: passing.set())
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    for port, target in listeners:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", port))
        listener.listen(128)
        threading.Thread(target=serve, args=(listener, target), daemon=True).start()
    print("listening", flush=True)
    # Signals are handled on the main thread, so it only waits here.
    while True:
        signal.pause()


if __name__ == "__main__":
    main(sys.argv[1:])

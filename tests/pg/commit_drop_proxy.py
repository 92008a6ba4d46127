#!/usr/bin/env python3
"""A TCP proxy in front of a PostgreSQL server that drops the client's connection during its first COMMIT.

    commit_drop_proxy.py PORTFILE UPSTREAM MODE

Listens on 127.0.0.1 (a free port, written to PORTFILE once listening) and forwards every connection to
UPSTREAM (a unix socket path, or HOST:PORT). The first simple-query message "COMMIT" of all connections is the
trigger; MODE says what happens to it:
  after   forward it, wait for the server's answer (ReadyForQuery), then close the client's connection without
          passing the answer on: the transaction committed, and the client cannot know.
  before  close both connections without forwarding it: the server rolls back, and the client cannot know.
Later connections pass through untouched. Ends when killed. Test tool of tests/cli/test_pg_failover.sh.
"""
import socket
import struct
import sys
import threading

portfile, upstream, mode = sys.argv[1], sys.argv[2], sys.argv[3]
armed = threading.Lock()  # held once the trigger has fired
fired = False


def connect_upstream():
    if upstream.startswith("/"):
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(upstream)
    else:
        host, port = upstream.rsplit(":", 1)
        s = socket.create_connection((host, int(port)))
    return s


def read_exact(sock, n):
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise EOFError
        data += chunk
    return data


def server_to_client(server, client, answered):
    try:
        while True:
            head = read_exact(server, 5)
            body = read_exact(server, struct.unpack("!I", head[1:])[0] - 4)
            if getattr(answered, "swallow", False):  # the answer to COMMIT is never passed on
                if head[:1] == b"Z":
                    answered.set()
                    return
                continue
            client.sendall(head + body)
    except (EOFError, OSError):
        pass
    finally:
        for s in (client, server):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def handle(client):
    global fired
    server = connect_upstream()
    answered = threading.Event()
    threading.Thread(target=server_to_client, args=(server, client, answered), daemon=True).start()
    try:
        # The startup message has no type byte: its length, then the rest.
        length = struct.unpack("!I", read_exact(client, 4))[0]
        server.sendall(struct.pack("!I", length) + read_exact(client, length - 4))
        while True:
            head = read_exact(client, 5)
            body = read_exact(client, struct.unpack("!I", head[1:])[0] - 4)
            if head[:1] == b"Q" and body.rstrip(b"\0").strip().upper() == b"COMMIT":
                with armed:
                    trigger = not fired
                    fired = True
                if trigger:
                    if mode == "after":
                        answered.clear()
                        answered.swallow = True
                        server.sendall(head + body)
                        answered.wait(10)
                    break
            server.sendall(head + body)
    except (EOFError, OSError):
        pass
    for s in (client, server):
        try:
            s.shutdown(socket.SHUT_RDWR)
            s.close()
        except OSError:
            pass


listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", 0))
listener.listen(16)
with open(portfile + ".tmp", "w") as f:
    f.write(str(listener.getsockname()[1]))
import os  # noqa: E402

os.rename(portfile + ".tmp", portfile)
while True:
    conn, _ = listener.accept()
    threading.Thread(target=handle, args=(conn,), daemon=True).start()

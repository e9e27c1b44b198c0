"""lanebench's gate inside a sandbox that has no network: listens on 127.0.0.1:PORT, carries each connection
through a Unix socket to the harness (which passes it to the attempt's proxy alone), runs the agent's command,
and exits with its status. Usage: netgate.py SOCKET PORT -- COMMAND...
"""
import signal
import socket
import subprocess
import sys
import threading


def pump(src, dst, done):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    try:
        dst.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    with done[0]:
        done[1] += 1
        last = done[1] == 2
    if last:
        src.close()
        dst.close()


def serve(listener, socket_path):
    while True:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        try:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            out = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            out.connect(socket_path)
        except OSError:
            conn.close()
            continue
        done = [threading.Lock(), 0]
        threading.Thread(target=pump, args=(conn, out, done), daemon=True).start()
        threading.Thread(target=pump, args=(out, conn, done), daemon=True).start()


def main():
    if len(sys.argv) < 5 or sys.argv[3] != "--":
        sys.stderr.write("usage: netgate.py SOCKET PORT -- COMMAND...\n")
        return 2
    socket_path, port, command = sys.argv[1], int(sys.argv[2]), sys.argv[4:]
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen(64)
    threading.Thread(target=serve, args=(listener, socket_path), daemon=True).start()
    try:
        child = subprocess.Popen(command)
    except OSError as e:
        sys.stderr.write(f"netgate: cannot start {command[0]}: {e}\n")
        return 127
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda s, _f: child.send_signal(s))
    code = child.wait()
    return 128 - code if code < 0 else code


if __name__ == "__main__":
    sys.exit(main())

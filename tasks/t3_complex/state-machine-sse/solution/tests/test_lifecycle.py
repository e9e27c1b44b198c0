"""Lifecycle guards, the event log and the SSE stream of docs/lifecycle.md."""
import json
import socket
import threading
import unittest

from jobboard.board import IllegalTransition, JobBoard, RetryLimitExceeded
from jobboard.server import make_server


class LifecycleTest(unittest.TestCase):
    def test_illegal_action_raises_and_changes_nothing(self):
        board = JobBoard()
        board.create("j")
        board.start("j")
        board.succeed("j")
        with self.assertRaises(IllegalTransition) as ctx:
            board.start("j")
        self.assertEqual(("j", "succeeded", "start"), (ctx.exception.job_id, ctx.exception.state, ctx.exception.action))
        self.assertEqual(3, len(board.events_after(0)))

    def test_cancel_is_two_step_for_running_jobs(self):
        board = JobBoard()
        board.create("q")
        board.create("r")
        self.assertEqual("cancelled", board.cancel("q").state)
        board.start("r")
        self.assertEqual("cancelling", board.cancel("r").state)
        with self.assertRaises(IllegalTransition):
            board.succeed("r")
        self.assertEqual("cancelled", board.confirm_cancel("r").state)

    def test_retry_limit(self):
        board = JobBoard()
        board.create("j", max_retries=1)
        board.start("j")
        board.fail("j")
        self.assertEqual(2, board.retry("j").attempt)
        board.start("j")
        board.fail("j")
        with self.assertRaises(RetryLimitExceeded):
            board.retry("j")

    def test_racing_starts_have_one_winner(self):
        board = JobBoard()
        board.create("j")
        wins = []
        barrier = threading.Barrier(8)

        def worker():
            barrier.wait()
            try:
                board.start("j")
                wins.append(1)
            except IllegalTransition:
                pass

        threads = [threading.Thread(target=worker) for _ in range(8)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(1, len(wins))

    def test_event_ids_and_wait(self):
        board = JobBoard()
        board.create("j")
        board.start("j")
        self.assertEqual([1, 2], [e["id"] for e in board.events_after(0)])
        self.assertEqual([], board.wait_for_events(2, 0.05))
        threading.Timer(0.05, lambda: board.succeed("j")).start()
        self.assertEqual([3], [e["id"] for e in board.wait_for_events(2, 2)])


class EventStreamTest(unittest.TestCase):
    def setUp(self):
        self.board = JobBoard()
        self.server = make_server(self.board, "127.0.0.1", 0)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def tearDown(self):
        self.server.shutdown()
        self.server.server_close()

    def read_events(self, last_event_id, count):
        sock = socket.create_connection(("127.0.0.1", self.server.server_address[1]), timeout=3)
        header = f"Last-Event-ID: {last_event_id}\r\n" if last_event_id is not None else ""
        sock.sendall(f"GET /events HTTP/1.1\r\nHost: x\r\n{header}\r\n".encode())
        data = b""
        try:
            while data.count(b"\n\n") < count + 1:  # the head ends with a blank line too
                chunk = sock.recv(4096)
                if not chunk:
                    break
                data += chunk.replace(b"\r\n", b"\n")
        finally:
            sock.close()
        head, _, body = data.partition(b"\n\n")
        events = []
        for block in body.decode().split("\n\n")[:count]:
            fields = dict(line.split(": ", 1) for line in block.splitlines() if not line.startswith(":"))
            events.append((int(fields["id"]), fields["event"], json.loads(fields["data"])))
        return head.decode(), events

    def test_stream_format_and_reconnect(self):
        self.board.create("j")
        self.board.start("j")
        self.board.succeed("j")
        head, events = self.read_events(None, 3)
        self.assertIn("text/event-stream", head)
        self.assertEqual([1, 2, 3], [e[0] for e in events])
        self.assertEqual(("transition", {"job": "j", "from": "queued", "to": "running", "attempt": 1}),
                         events[1][1:])
        _, events = self.read_events(2, 1)
        self.assertEqual([3], [e[0] for e in events])


if __name__ == "__main__":
    unittest.main()

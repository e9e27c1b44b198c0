import unittest

from jobboard.board import JobBoard, UnknownJob


class BoardTest(unittest.TestCase):
    def test_job_runs_to_success(self):
        board = JobBoard()
        board.create("build-1")
        self.assertEqual("running", board.start("build-1").state)
        self.assertEqual("succeeded", board.succeed("build-1").state)
        self.assertEqual("succeeded", board.get("build-1").state)

    def test_failed_job_is_retried(self):
        board = JobBoard()
        board.create("build-2", max_retries=1)
        board.start("build-2")
        board.fail("build-2")
        job = board.retry("build-2")
        self.assertEqual(("queued", 2), (job.state, job.attempt))

    def test_duplicate_and_unknown_jobs(self):
        board = JobBoard()
        board.create("build-3")
        with self.assertRaises(ValueError):
            board.create("build-3")
        with self.assertRaises(UnknownJob):
            board.start("nope")

    def test_get_returns_a_snapshot(self):
        board = JobBoard()
        board.create("build-4")
        snapshot = board.get("build-4")
        board.start("build-4")
        self.assertEqual("queued", snapshot.state)


if __name__ == "__main__":
    unittest.main()

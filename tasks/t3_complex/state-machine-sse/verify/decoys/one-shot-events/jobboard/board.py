"""The job board: jobs, their lifecycle state, and the log of their transitions (docs/lifecycle.md)."""
import dataclasses
import threading

STATES = ("queued", "running", "succeeded", "failed", "cancelling", "cancelled")

# (action, current state) -> next state; every pair not listed is illegal.
TRANSITIONS = {
    ("start", "queued"): "running",
    ("succeed", "running"): "succeeded",
    ("fail", "running"): "failed",
    ("cancel", "queued"): "cancelled",
    ("cancel", "running"): "cancelling",
    ("confirm_cancel", "cancelling"): "cancelled",
    ("retry", "failed"): "queued",
}


class UnknownJob(KeyError):
    """No job with this id."""


class IllegalTransition(Exception):
    """The action is not allowed in the job's current state; nothing was changed."""

    def __init__(self, job_id: str, state: str, action: str, reason: str = "not allowed"):
        super().__init__(f"{action} on job {job_id} in state {state}: {reason}")
        self.job_id = job_id
        self.state = state
        self.action = action


class RetryLimitExceeded(IllegalTransition):
    """A retry of a job that has used up its max_retries."""


@dataclasses.dataclass
class Job:
    id: str
    max_retries: int = 2
    state: str = "queued"
    attempt: int = 1

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


class JobBoard:
    """All jobs of one worker pool. Safe to share between threads.

    One condition variable guards jobs and the event log together, so an action's check, its state change
    and its event id are one atomic step, and stream readers can wait for new events on it.
    """

    def __init__(self):
        self._jobs = {}
        self._events = []  # event i has id i + 1
        self._changed = threading.Condition(threading.Lock())

    def create(self, job_id: str, max_retries: int = 2) -> Job:
        if not job_id or not isinstance(job_id, str):
            raise ValueError("job id must be a non-empty string")
        if not isinstance(max_retries, int) or max_retries < 0:
            raise ValueError("max_retries must be a non-negative integer")
        with self._changed:
            if job_id in self._jobs:
                raise ValueError(f"job {job_id} already exists")
            job = Job(job_id, max_retries)
            self._jobs[job_id] = job
            self._record(job, None)
            return dataclasses.replace(job)

    def get(self, job_id: str) -> Job:
        """A snapshot of the job (changing it does not change the board)."""
        with self._changed:
            return dataclasses.replace(self._get(job_id))

    def jobs(self) -> list:
        with self._changed:
            return [dataclasses.replace(j) for j in self._jobs.values()]

    # Lifecycle actions, called by the workers and the CI front-end through the HTTP API.

    def start(self, job_id: str) -> Job:
        return self._apply(job_id, "start")

    def succeed(self, job_id: str) -> Job:
        return self._apply(job_id, "succeed")

    def fail(self, job_id: str) -> Job:
        return self._apply(job_id, "fail")

    def cancel(self, job_id: str) -> Job:
        return self._apply(job_id, "cancel")

    def confirm_cancel(self, job_id: str) -> Job:
        return self._apply(job_id, "confirm_cancel")

    def retry(self, job_id: str) -> Job:
        return self._apply(job_id, "retry")

    # The transition log.

    def events_after(self, last_id: int = 0) -> list:
        """Events with id > last_id, oldest first."""
        with self._changed:
            return self._since(last_id)

    def wait_for_events(self, last_id: int, timeout: float) -> list:
        """Like events_after, but waits up to timeout seconds for an event when there is none yet."""
        with self._changed:
            self._changed.wait_for(lambda: len(self._events) > max(0, last_id), timeout)
            return self._since(last_id)

    def _apply(self, job_id: str, action: str) -> Job:
        with self._changed:
            job = self._get(job_id)
            target = TRANSITIONS.get((action, job.state))
            if target is None:
                raise IllegalTransition(job_id, job.state, action)
            if action == "retry":
                if job.attempt - 1 >= job.max_retries:
                    raise RetryLimitExceeded(job_id, job.state, action,
                                             f"all {job.max_retries} retries used")
                job.attempt += 1
            previous, job.state = job.state, target
            self._record(job, previous)
            return dataclasses.replace(job)

    def _record(self, job: Job, previous):
        # called with the lock held: ids follow the order in which changes took effect
        self._events.append({"id": len(self._events) + 1, "job": job.id, "from": previous, "to": job.state,
                             "attempt": job.attempt})
        self._changed.notify_all()

    def _since(self, last_id: int) -> list:
        return [dict(e) for e in self._events[max(0, last_id):]]

    def _get(self, job_id: str) -> Job:
        try:
            return self._jobs[job_id]
        except KeyError:
            raise UnknownJob(job_id) from None

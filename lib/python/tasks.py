"""The work itself, in Python: the same task kinds as the Go library.

Each function takes the task's JSON argument and returns a JSON-friendly
value, exactly like the Go kind of the same name, so Go and Python runs can
be compared task for task.
"""

import math
import os
import tempfile
import threading

# requests is imported by load_requests, and only for I/O work: importing
# it is most of this program's start-up, which a CPU run need not pay.
requests = None
import_error = None

IO_KINDS = ("fetch", "download", "post")


def load_requests():
    """Import requests; main.py calls it before the clock starts, so the
    import is never timed. A failure is reported when a task needs it."""
    global requests, import_error
    try:
        import requests as module
    except ImportError as e:
        import_error = e
        return
    requests = module

TIMEOUT = 30  # seconds; no request may hang a run


# requests.Session is not safe to share between threads (the guide to
# writing concurrency test code in Python warns of it), so every thread
# gets its own, kept in thread-local storage and reused.
_local = threading.local()


def session():
    if requests is None:
        raise RuntimeError(f"python3 cannot import requests: {import_error}")
    s = getattr(_local, "session", None)
    if s is None:
        s = _local.session = requests.Session()
    return s


def fetch(arg):
    r = session().get(arg["url"], timeout=TIMEOUT)
    r.raise_for_status()
    return len(r.content)


def save(body, directory, name):
    # Write beside the target, then rename: a reader never sees half a file.
    fd, tmp = tempfile.mkstemp(dir=directory, prefix="." + name + ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(body)
        os.replace(tmp, os.path.join(directory, name))
    except BaseException:
        os.unlink(tmp)
        raise


def download(arg):
    r = session().get(arg["url"], timeout=TIMEOUT)
    r.raise_for_status()
    save(r.content, arg["dir"], arg["file"])
    return len(r.content)


def post(arg):
    r = session().post(arg["url"], json=arg["body"], timeout=TIMEOUT)
    r.raise_for_status()
    return r.status_code


def sumsquares(n):
    # The CPU-bound function of the notes after Real Python's article.
    return str(sum(i * i for i in range(n)))


def prime(n):
    # is_prime from the guide to writing concurrency test code in Python:
    # trial division by odd numbers up to the root.
    if n < 2:
        return False
    if n == 2:
        return True
    if n % 2 == 0:
        return False
    for i in range(3, math.isqrt(n) + 1, 2):
        if n % i == 0:
            return False
    return True


KINDS = {
    "fetch": fetch,
    "download": download,
    "post": post,
    "sumsquares": sumsquares,
    "prime": prime,
}

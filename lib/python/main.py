"""Run a list of tasks under one Python model; Go drives this program.

Input on stdin, one JSON document:
    {"model": "threads", "workers": 20, "tasks": [{"kind": ..., "arg": ...}]}
Output on stdout, one JSON document: the interpreter, the run's start and
end, and one record per task (see models.py).

    python3 main.py --probe   prints the version, the GIL and missing modules.
"""

import importlib.util
import json
import os
import platform
import sys
import time


def gil_enabled():
    # Python 3.13 can be built free-threaded; older versions always have a GIL.
    check = getattr(sys, "_is_gil_enabled", None)
    return True if check is None else check()


def describe():
    missing = [m for m in ("requests", "aiohttp") if importlib.util.find_spec(m) is None]
    return {"version": platform.python_version(), "gil": gil_enabled(), "missing": missing}


def children_ns():
    """Processor time of this process's reaped children, in nanoseconds."""
    try:
        import resource  # Unix: microseconds, where os.times has clock ticks
    except ImportError:
        t = os.times()
        return int((t.children_user + t.children_system) * 1e9)
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return int((r.ru_utime + r.ru_stime) * 1e9)


def main():
    if sys.argv[1:] == ["--probe"]:
        json.dump(describe(), sys.stdout)
        return
    job = json.load(sys.stdin)
    import models
    import tasks

    if any(t["kind"] in tasks.IO_KINDS for t in job["tasks"]):
        tasks.load_requests()
    run = models.MODELS[job["model"]]
    if job["model"] == "asyncio":
        import aio  # noqa: F401 -- imported before the clock starts, like requests
    start, cpu, kids = time.time_ns(), time.process_time_ns(), children_ns()
    results = run(job["tasks"], job.get("workers", 0))
    end = time.time_ns()
    # process_time counts every thread of this process; a process pool's
    # workers are counted once reaped, and the pool's with-block joins them
    # before the clock stops.
    cpu = time.process_time_ns() - cpu + children_ns() - kids
    out = {**describe(), "start_ns": start, "end_ns": end, "cpu_ns": cpu, "results": results}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

"""Run a list of tasks under one Python model; Go drives this program.

Input on stdin, one JSON document:
    {"model": "threads", "workers": 20, "tasks": [{"kind": ..., "arg": ...}]}
Output on stdout, one JSON document: the interpreter, the run's start and
end, and one record per task (see models.py).

    python3 main.py --probe   prints the version, the GIL and missing modules.
"""

import importlib.util
import json
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
    start, cpu = time.time_ns(), time.process_time_ns()
    results = run(job["tasks"], job.get("workers", 0))
    end, cpu = time.time_ns(), time.process_time_ns() - cpu
    # process_time counts every thread of this process, and no child: the
    # processor time of a process pool's workers is not in it.
    out = {**describe(), "start_ns": start, "end_ns": end, "cpu_ns": cpu, "results": results}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()

"""Python's execution models, each running a list of tasks.

Every model returns one record per task, in task order: the value or the
error, which thread or process ran it, and when it started and ended (in
nanoseconds of the wall clock, which Go reads as time.Time).
"""

import asyncio
import concurrent.futures
import os
import threading
import time

import tasks


def timed(task, worker=None):
    start = time.time_ns()
    value, error = None, None
    try:
        value = tasks.KINDS[task["kind"]](task["arg"])
    except Exception as e:  # one failed task must not lose the others
        error = f"{type(e).__name__}: {e}"
    return {
        "worker": threading.get_ident() if worker is None else worker,
        "start_ns": start,
        "end_ns": time.time_ns(),
        "value": value,
        "error": error,
    }


def in_process(task):
    return timed(task, worker=os.getpid())


def sequential(todo, workers):
    return [timed(t, worker=0) for t in todo]


def threads(todo, workers):
    if workers > 0:  # ThreadPoolExecutor.map: W threads, results in order
        with concurrent.futures.ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(timed, todo))
    # One threading.Thread per task, as in the Fluent Python flags benchmark's downloader.
    out = [None] * len(todo)

    def work(i):
        out[i] = timed(todo[i])

    started = [threading.Thread(target=work, args=(i,)) for i in range(len(todo))]
    for th in started:
        th.start()
    for th in started:
        th.join()
    return out


def processes(todo, workers):
    # Each task and its result are pickled across a pipe to a worker
    # process: the cost Go's processes model reports as IPC.
    with concurrent.futures.ProcessPoolExecutor(max_workers=workers or None) as pool:
        return list(pool.map(in_process, todo))


def asyncio_gather(todo, workers):
    return asyncio.run(_gather(todo, workers))


async def _gather(todo, workers):
    import aio  # only this model needs aiohttp

    limit = asyncio.Semaphore(workers) if workers > 0 else None
    async with aio.new_session(workers) as s:

        async def one(task):
            if limit:
                async with limit:
                    return await run(task)
            return await run(task)

        async def run(task):
            start = time.time_ns()
            value, error = None, None
            try:
                fn = aio.KINDS.get(task["kind"])
                if fn is None:  # CPU work in a coroutine blocks the loop
                    value = tasks.KINDS[task["kind"]](task["arg"])
                else:
                    value = await fn(s, task["arg"])
            except Exception as e:
                error = f"{type(e).__name__}: {e}"
            return {"worker": 0, "start_ns": start, "end_ns": time.time_ns(),
                    "value": value, "error": error}

        return await asyncio.gather(*(one(t) for t in todo))


MODELS = {
    "sequential": sequential,
    "threads": threads,
    "processes": processes,
    "asyncio": asyncio_gather,
}

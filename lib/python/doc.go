// Package python measures CPython beside Go: it runs the tutorial's Python
// programs (the *.py files in this folder, embedded in the binary) as four
// execution models of lib, so that one experiment times Go and Python on
// the same tasks against the same flag server, in the same run.
//
//	py-sequential  a plain loop
//	py-threads     threading.Thread per task, or ThreadPoolExecutor(W) with workers
//	py-processes   ProcessPoolExecutor(W), W = os.cpu_count() by default
//	py-asyncio     asyncio.gather over one aiohttp session (Semaphore(W) with workers)
//
// Importing the package registers the models. Go starts one python3 per
// run, passes the task list on stdin and reads every task's worker, start
// and end back as JSON; the run's wall time is measured by Python itself,
// from after its imports to after its last task, as the Python tutorials time it.
// The interpreter is $GOMEASURE_PYTHON if set; otherwise the first of
// python3 on PATH and /usr/bin/python3 that imports requests and aiohttp
// (Debian packages them; a pyenv python3 first on PATH often lacks them).
package python

"""The I/O task kinds again, as coroutines on one aiohttp session."""

import asyncio

import aiohttp

from tasks import save

TIMEOUT = aiohttp.ClientTimeout(total=30)


def new_session(limit):
    # aiohttp allows 100 connections by default, which would cap a
    # thousand-task run at 100 in flight; 0 lifts the cap, like Go's client.
    return aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=limit), timeout=TIMEOUT
    )


async def fetch(s, arg):
    async with s.get(arg["url"]) as r:
        r.raise_for_status()
        return len(await r.read())


async def download(s, arg):
    async with s.get(arg["url"]) as r:
        r.raise_for_status()
        body = await r.read()
    # A few KiB to a local disk: blocking the loop for it is what the
    # Fluent Python flags benchmark does too, and it is shorter than any
    # network wait here.
    save(body, arg["dir"], arg["file"])
    return len(body)


async def post(s, arg):
    async with s.post(arg["url"], json=arg["body"]) as r:
        r.raise_for_status()
        await r.read()
        return r.status


KINDS = {"fetch": fetch, "download": download, "post": post}

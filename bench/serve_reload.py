#!/usr/bin/env python3
"""Measures `tolk serve`: time from saving one .ftl (an editor's atomic save) to the reload
signal for the edited page on the server-sent event stream, and to the signal for the
locale's home and search index (rendered after the page), medians of RUNS edits.

Usage: serve_reload.py TOLK_BIN SITE_DIR LOCALE ARTICLE [RUNS]
The site directory is edited in place (the message text gains a counter); use a copy.
"""
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import time


def wait_for(stream, key):
    """Reads server-sent events until one reloads `key` (or every page)."""
    while True:
        line = stream.readline()
        if not line:
            sys.exit("the event stream ended")
        if line.startswith(b"data:"):
            pages = json.loads(line[5:])["pages"]
            if pages is None or key in pages:
                return


def main():
    tolk, site, locale, article = sys.argv[1:5]
    runs = int(sys.argv[5]) if len(sys.argv) > 5 else 15
    server = subprocess.Popen([tolk, "--site", site, "serve", "--port", "0"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        host, port = re.search(r"http://([\d.]+):(\d+)/", line).groups()
        sock = socket.create_connection((host, int(port)))
        # The preview answers only requests for the address it listens on (port included).
        sock.sendall(f"GET /__tolk/events HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode())
        stream = sock.makefile("rb")
        status = stream.readline()
        if b" 200 " not in status:
            sys.exit(f"the event stream answered {status.decode().strip()}")
        while b"tolk live reload" not in stream.readline():
            pass
        path = os.path.join(site, "locales", locale, article + ".ftl")
        with open(path, encoding="utf-8") as f:
            original = f.read()
        page = f"{locale}/{article}/index.html"
        first = re.search(r"^([a-zA-Z][\w-]*) = ", original, re.M).group(1)
        times, homes = [], []
        home = f"{locale}/index.html"
        for i in range(runs):
            text = original.replace(f"{first} = ", f"{first} = ({i}) ", 1)
            tmp = path + ".tmp~"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(text)
            start = time.perf_counter()
            os.replace(tmp, path)
            # The event that reloads the edited page, then the one that lists the home.
            wait_for(stream, page)
            times.append((time.perf_counter() - start) * 1000)
            wait_for(stream, home)
            homes.append((time.perf_counter() - start) * 1000)
            time.sleep(0.2)
        with open(path, "w", encoding="utf-8") as f:
            f.write(original)
        print(f"save → reload signal, {runs} edits of {locale}/{article}: median {statistics.median(times):.0f} ms, "
              f"min {min(times):.0f} ms, max {max(times):.0f} ms; home and search index: median "
              f"{statistics.median(homes):.0f} ms, max {max(homes):.0f} ms")
    finally:
        server.terminate()
        server.wait()


if __name__ == "__main__":
    main()

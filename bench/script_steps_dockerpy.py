#!/usr/bin/env python3
"""script_steps_dockerpy: bench/script_steps' docker-py variant.

    python3 bench/script_steps_dockerpy.py unix:///path/docker.sock CONTAINERS [TAG]

For each of CONTAINERS containers, four API calls through docker-py's low-level
client (docker.APIClient, one keep-alive connection pool): create (busybox
`sleep 30`, no network, labels sockshell.test=1 and sockshell.bench=TAG),
start, inspect, delete with force. Every call is checked: docker-py raises on
any non-2xx status, create must return an Id, and the inspect must report
State.Running == true (SCRIPT_STEPS_EXPECT_RUNNING=false flips that, so the
driver can check that a failed check really fails). Exits 1 on the first
failure. Prints the number of steps done on stdout.
"""
import os
import sys

import docker


def main():
    if len(sys.argv) < 3:
        raise SystemExit(__doc__)
    base_url, n = sys.argv[1], int(sys.argv[2])
    tag = sys.argv[3] if len(sys.argv) > 3 else "dockerpy"
    want_running = os.environ.get("SCRIPT_STEPS_EXPECT_RUNNING", "true") == "true"
    client = docker.APIClient(base_url=base_url)
    host_config = client.create_host_config(network_mode="none")
    labels = {"sockshell.test": "1", "sockshell.bench": tag}
    steps = 0
    try:
        for _ in range(n):
            created = client.create_container("busybox", ["sleep", "30"], labels=labels, host_config=host_config)
            cid = created["Id"]
            assert cid, "create returned no Id"
            steps += 1
            client.start(cid)
            steps += 1
            state = client.inspect_container(cid)["State"]
            assert state["Running"] is want_running, "expected .State.Running == %s, got %r" % (want_running, state["Running"])
            steps += 1
            client.remove_container(cid, force=True)
            steps += 1
    except (AssertionError, docker.errors.DockerException) as e:
        sys.stderr.write("script_steps_dockerpy: step %d: %s\n" % (steps + 1, e))
        return 1
    finally:
        client.close()
    print(steps)
    return 0


if __name__ == "__main__":
    sys.exit(main())

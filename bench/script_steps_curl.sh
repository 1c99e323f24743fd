#!/usr/bin/env bash
# script_steps_curl.sh: bench/script_steps' curl-and-jq variant.
#
#   bench/script_steps_curl.sh /path/docker.sock CONTAINERS [TAG]
#
# For each of CONTAINERS containers, four API calls, one curl process each
# (curl --unix-socket): create (busybox `sleep 30`, no network, labels
# sockshell.test=1 and sockshell.bench=TAG), start, inspect, delete with force.
# Every call is checked: its status code (201, 204, 200, 204), the create's Id
# (jq), and the inspect's .State.Running == true (jq -e;
# SCRIPT_STEPS_EXPECT_RUNNING=false flips it, so the driver can check that a
# failed check really fails). Exits 1 on the first failure. Prints the number of
# steps done on stdout.
set -euo pipefail

SOCK=$1 N=$2 TAG=${3:-curl}
WANT=${SCRIPT_STEPS_EXPECT_RUNNING:-true}
CREATE='{"Image":"busybox","Cmd":["sleep","30"],"Labels":{"sockshell.test":"1","sockshell.bench":"'$TAG'"},"HostConfig":{"NetworkMode":"none"}}'
steps=0

fail() { echo "script_steps_curl: step $((steps + 1)): $*" >&2; exit 1; }

# call METHOD PATH EXPECTED_STATUS [BODY]: sets $body; fails unless the status matches.
call() {
    local out code
    if [ $# -ge 4 ]; then
        out=$(curl -s -w '\n%{http_code}' --unix-socket "$SOCK" -X "$1" -H 'Content-Type: application/json' -d "$4" "http://d$2")
    else
        out=$(curl -s -w '\n%{http_code}' --unix-socket "$SOCK" -X "$1" "http://d$2")
    fi
    code=${out##*$'\n'}
    body=${out%$'\n'*}
    [ "$code" = "$3" ] || fail "$1 $2: expected status $3, got $code: $body"
}

for _ in $(seq "$N"); do
    call POST /containers/create 201 "$CREATE"
    id=$(jq -er .Id <<<"$body") || fail "create returned no Id: $body"
    steps=$((steps + 1))
    call POST "/containers/$id/start" 204
    steps=$((steps + 1))
    call GET "/containers/$id/json" 200
    jq -e ".State.Running == $WANT" <<<"$body" >/dev/null || fail "expected .State.Running == $WANT"
    steps=$((steps + 1))
    call DELETE "/containers/$id?force=1" 204
    steps=$((steps + 1))
done
echo "$steps"

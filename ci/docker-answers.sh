#!/usr/bin/env bash
# Exit 0 when a Docker engine answers and a compose command exists: the demo can use it.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
docker_answers && [[ -n "$(compose_cmd)" ]]

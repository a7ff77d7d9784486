#!/bin/sh
# Stand-in for sudo in the dev containers: the only user is root, so run the command as is.
# Accepts the flags the walkthrough and scripts use (-E, -n, -H, --preserve-env...).
if [ "$(id -u)" != 0 ]; then
  echo "sudo: this container has no sudo; run it as root (the compose services do)" >&2
  exit 1
fi
while [ $# -gt 0 ]; do
  case "$1" in
    --) shift; break ;;
    -u|--user)
      [ "${2:-}" = root ] || [ "${2:-}" = 0 ] || { echo "sudo: only root exists in this container (asked for -u ${2:-})" >&2; exit 1; }
      shift 2 ;;
    -*) shift ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: sudo [-E] command [args...]" >&2; exit 1; }
exec "$@"

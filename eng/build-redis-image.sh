#!/usr/bin/env bash
# Builds the Redis node image from this machine's own redis-server and redis-cli and every library they load
# (for air-gapped sites and CI: no registry involved), and prints the image name.
#
#   eng/build-redis-image.sh                         # localhost/redisaspire/redis:7.0.15 (Container:Image)
#   eng/build-redis-image.sh localhost/redisaspire/redis:7.2.4
#   eng/build-redis-image.sh --Container:Runtime=docker --AppHost:RedisServerPath=/opt/redis/bin/redis-server
#
# The build itself is AppHost's `build-image` command: one implementation, also used when AppHost finds the
# configured localhost/redisaspire/ image missing.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
exec dotnet run --project "$root/AppHost" -- build-image "$@"

#!/bin/sh
# The production image's command: migrate and seed an empty database, then serve the API and
# the built client on API_PORT. A failed setup stops the start (non-zero exit).
set -e
node --import tsx server/src/cli/setup.ts
exec node --import tsx server/src/main.ts

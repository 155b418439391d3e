#!/usr/bin/env bash
# The nightly run, for cron or any scheduler: reads every CloudTrail log file the earlier nights
# have not read and brings the tables up to date (see `jobs/trail-denials nightly --help`).
#
#   30 6 * * *  /opt/trail-denials/jobs/nightly.sh >> /var/log/trail-denials-nightly.log 2>&1
#
# Settings, from the environment or from conf/nightly.env (an optional file of VAR=value lines;
# TRAIL_DENIALS_ENV_FILE names another):
#   TRAIL_DENIALS_ARCHIVE   the trail's prefix: s3a://bucket/prefix or a local folder (required)
#   TRAIL_DENIALS_OUT       where the tables go (required)
#   TRAIL_DENIALS_NIGHTLY_OPTIONS  more options: --catalog-database, --watch-identity,
#                           --sns-topic, --fail-on-alarm, ...
#   TRAIL_DENIALS_WEBHOOK_URL      a chat webhook for alerts (kept out of the command line)
# Arguments given to this script are passed on to the command.
#
# Only one nightly run at a time per output location: a second one for the same TRAIL_DENIALS_OUT
# exits with code 75 and says why (runs for other outputs go ahead). Every line the run prints is
# prefixed with the UTC time, for the log file. conf/nightly.env.example shows the settings.
set -euo pipefail

stamp() {
  while IFS= read -r line; do
    printf '%s %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$line"
  done
}

jobs_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
env_file="${TRAIL_DENIALS_ENV_FILE:-$jobs_dir/../conf/nightly.env}"
if [ -f "$env_file" ]; then
  set -a
  # shellcheck disable=SC1090
  . "$env_file"
  set +a
fi
: "${TRAIL_DENIALS_ARCHIVE:?set TRAIL_DENIALS_ARCHIVE to the trail prefix (s3a://bucket/prefix)}"
: "${TRAIL_DENIALS_OUT:?set TRAIL_DENIALS_OUT to where the tables go}"

# One lock per output location, named by a digest of it (a location is no file name).
out_digest=$(printf '%s' "${TRAIL_DENIALS_OUT%/}" | sha256sum | cut -c1-16)
lock="${TMPDIR:-/tmp}/trail-denials-nightly-$out_digest.lock"
exec 9>"$lock"
if ! flock -n 9; then
  echo "trail-denials: another nightly run for $TRAIL_DENIALS_OUT holds $lock; not starting" \
    "a second one" | stamp >&2
  exit 75
fi

# shellcheck disable=SC2086
"$jobs_dir/trail-denials" nightly --archive "$TRAIL_DENIALS_ARCHIVE" --out "$TRAIL_DENIALS_OUT" \
  ${TRAIL_DENIALS_NIGHTLY_OPTIONS:-} "$@" 2>&1 | stamp
exit "${PIPESTATUS[0]}"

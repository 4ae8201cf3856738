#!/usr/bin/env bash
# Kill a 2,000-document run with SIGKILL halfway, resume it, and compare with a clean run.
#
#   bash benchmarks/kill_resume.sh [DOCS] [WORKERS]      # defaults: 2000 2
#
# Prints what the killed run left (JSON files, temporary files, the manifest's status and
# next_input), the resumed run's summary, whether `diff -r` finds any difference from the
# clean run (the manifests aside), and whether any process of the killed run is left.
# Exits non-zero when the outputs differ.
set -u
repo=$(cd "$(dirname "$0")/.." && pwd)
py=${PYTHON:-python}
docs=${1:-2000}
workers=${2:-2}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export PYTHONPATH="$repo"

"$py" -c "import sys; sys.path.insert(0, '$repo/benchmarks'); from pathlib import Path
from throughput import build_corpus; build_corpus(Path('$tmp/in'), $docs)"
echo "clean run of $docs documents, $workers workers"
"$py" -m pipeline run "$tmp/in" --out "$tmp/clean" -j "$workers" -q || exit 1

"$py" -m pipeline run "$tmp/in" --out "$tmp/out" -j "$workers" -q &
pid=$!
while [ "$(find "$tmp/out" -name '*.json' 2>/dev/null | wc -l)" -lt $((docs / 2)) ]; do sleep 0.2; done
spawned=$(for child in $(pgrep -P "$pid"); do echo "$child"; pgrep -P "$child"; done)   # fork server, workers
kill -9 "$pid"; wait "$pid" 2>/dev/null
echo "killed with SIGKILL: $(find "$tmp/out" -name '*.json' ! -name _run.json | wc -l) JSON files," \
     "$(find "$tmp/out" -name '*.tmp' | wc -l) temporary files"
"$py" -c "import json; m = json.load(open('$tmp/out/_run.json'))
print('manifest:', m['status'], '- written', m['n_written'], '- next_input', m['next_input'])"
waited=0
while :; do   # the workers notice within a second or two that the run is gone
    left=0
    for process in $spawned; do [ -d "/proc/$process" ] && left=$((left + 1)); done
    [ "$left" -eq 0 ] || [ "$waited" -ge 20 ] && break
    sleep 1; waited=$((waited + 1))
done

echo "resume"
"$py" -m pipeline run "$tmp/in" --out "$tmp/out" -j "$workers" --resume || exit 1
if diff -r -x _run.json "$tmp/clean" "$tmp/out" > /dev/null; then
    echo "resumed output identical to the clean run"
else
    echo "resumed output DIFFERS from the clean run"; exit 1
fi
echo "processes the killed run had started: $(echo $spawned | wc -w); still running ${waited} s after the kill: $left"

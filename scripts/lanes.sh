# Sourced by scripts/test.sh: lanes, commands run in the background while the script goes on (two cores: what waits
# on the network or links on one core runs beside a build on the other).
#   lane_start NAME COMMAND...   runs COMMAND in its own process group, stdin /dev/null, its output in
#                                target/lanes/NAME.log
#   lane_wait NAME [quiet]       waits for it; prints its log (with `quiet`, only when it failed); a failed lane
#                                fails the caller (set -e) after its log is shown
# A script that exits before waiting for every lane (a failure elsewhere, ^C) stops them, their children included:
# nothing is left running.
lane_dir=target/lanes
declare -A _lane_pid=()
_lane_stop_all() {
  local name
  for name in "${!_lane_pid[@]}"; do
    kill -TERM -- "-${_lane_pid[$name]}" 2>/dev/null || true
  done
  for name in "${!_lane_pid[@]}"; do
    wait "${_lane_pid[$name]}" 2>/dev/null || true
  done
}
trap _lane_stop_all EXIT
lane_start() {
  local name="$1"
  shift
  mkdir -p "$lane_dir"
  set -m # job control on: the lane gets its own process group, which _lane_stop_all can stop as a whole
  "$@" </dev/null >"$lane_dir/$name.log" 2>&1 &
  set +m
  _lane_pid[$name]=$!
  echo "   (started in the background: $name, log $lane_dir/$name.log)"
}
lane_wait() {
  local name="$1" quiet="${2:-}" rc=0
  wait "${_lane_pid[$name]}" || rc=$?
  unset "_lane_pid[$name]"
  if [[ $rc -ne 0 || -z "$quiet" ]]; then
    echo "---- $name ($lane_dir/$name.log) ----"
    cat "$lane_dir/$name.log"
    echo "---- end of $name ----"
  fi
  if [[ $rc -ne 0 ]]; then
    echo "$name failed (exit status $rc)" >&2
    return "$rc"
  fi
}

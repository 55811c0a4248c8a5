# Sourced by scripts/test.sh, test-python.sh, test-wasm.sh and build-wasm.sh: `step NAME` prints
#   == [HH:MM:SS +M:SS] NAME
# (the clock, and the time since the outermost script started), after a line with the previous step's wall time
# and the CPU time (user + sys) of the processes that ended during it (a background part of scripts/lanes.sh is
# counted whole in the step during which it ends: its own steps, in its log, say where its time went); `step_end`
# closes the last step. How anyone sees where the time of a CI run goes.
: "${CHITIEU_T0:=$(date +%s)}"
export CHITIEU_T0
_step_name=""
_step_wall=0
_step_cpu=0
# user + sys of the waited-for child processes of this shell, in seconds (Linux: /proc, clock ticks of 1/100 s)
_step_cpu_now() { awk '{ sub(/^.*\) /, ""); printf "%.1f", ($14 + $15) / 100 }' "/proc/$$/stat" 2>/dev/null || echo 0; }
_step_close() {
  local wall cpu
  if [[ -n "$_step_name" ]]; then
    wall=$(($(date +%s) - _step_wall))
    cpu=$(_step_cpu_now)
    printf '   (%s: %d:%02d wall, %s s CPU)\n' "$_step_name" $((wall / 60)) $((wall % 60)) \
      "$(awk -v a="$cpu" -v b="$_step_cpu" 'BEGIN { printf "%.0f", a - b }')"
  fi
}
step() {
  _step_close
  local now
  now=$(date +%s)
  printf '== [%s +%d:%02d] %s\n' "$(date -u +%H:%M:%S)" $(((now - CHITIEU_T0) / 60)) $(((now - CHITIEU_T0) % 60)) "$*"
  _step_name="$1"
  _step_wall=$now
  _step_cpu=$(_step_cpu_now)
}
step_end() {
  _step_close
  _step_name=""
}

# `run_parts SCRIPT "PART ..." [ARG ...]`: run the parts named in the arguments (each a function of the calling
# script; `test` is its function `test_`), or every part of the list in its order when none is named; a part not in
# the list is an error (exit 2) before anything runs.
run_parts() {
  local script="$1" all="$2" part
  shift 2
  local parts=("$@")
  if [[ ${#parts[@]} -eq 0 ]]; then read -ra parts <<<"$all"; fi
  for part in "${parts[@]}"; do
    if [[ " $all " != *" $part "* ]]; then
      echo "$script: unknown part '$part' (${all// /, })" >&2
      exit 2
    fi
  done
  for part in "${parts[@]}"; do
    if [[ "$part" == test ]]; then test_; else "$part"; fi
  done
}

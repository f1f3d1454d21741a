# Shared setup of demo_test.sh and demo_tty_test.sh, sourced once they have set $fluxo (the
# binary's real path). The demo runs the fluxo binary through a symlink in a private directory,
# so that any process it started is found by that path in /proc/*/cmdline (other fluxo processes
# may run meanwhile).
# Sets work_dir (a new temporary directory, with tmp/ for the demo's TMPDIR; the caller removes
# it) and demo_fluxo (the symlink); defines left_behind and kill_left_behind.

work_dir=$(mktemp -d)
mkdir "$work_dir/bin" "$work_dir/tmp"
ln -s "$fluxo" "$work_dir/bin/fluxo"
demo_fluxo="$work_dir/bin/fluxo"

# The ids of the processes running the symlinked fluxo.
left_behind() {
  local cmdline pid
  for cmdline in /proc/[0-9]*/cmdline; do
    pid=${cmdline#/proc/}
    pid=${pid%/cmdline}
    if tr '\0' '\n' 2>/dev/null <"$cmdline" | head -n 1 | grep -qxF -- "$demo_fluxo"; then
      echo "$pid"
    fi
  done
}

# Kills (SIGKILL) the processes running the symlinked fluxo and prints their ids.
kill_left_behind() {
  local pid
  for pid in $(left_behind); do
    kill -KILL "$pid" 2>/dev/null || true
    echo "$pid"
  done
}

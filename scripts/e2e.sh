#!/usr/bin/env bash
# End-to-end: run bin/immtui --demo inside tmux like a person would, drive it
# with keys and check what the screen shows. Usage: scripts/e2e.sh [WxH ...]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${BIN:-bin/immtui}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100x30 80x24)
command -v tmux >/dev/null || { echo "e2e: tmux is not installed (apt-get install tmux)"; exit 1; }
[ -x "$BIN" ] || { echo "e2e: $BIN missing: run make build"; exit 1; }

SOCK="immtui-e2e-$$"
T() { tmux -L "$SOCK" "$@"; }
cleanup() { T kill-server 2>/dev/null || true; }
trap cleanup EXIT
OUT=$(mktemp -d)
trap 'cleanup; rm -rf "$OUT"' EXIT

fail() {
  echo "e2e FAIL ($SIZE): $*"
  echo "---- screen ----"; T capture-pane -pt e2e 2>/dev/null || true; echo "----------------"
  exit 1
}

screen() { T capture-pane -pt e2e; }

# wait_for REGEX: poll the screen until it matches (the program fetches
# asynchronously; this bounds the wait, it does not measure speed).
wait_for() {
  local i
  for i in $(seq 1 200); do
    if screen | grep -Eq -- "$1"; then return 0; fi
    sleep 0.1
  done
  fail "screen never showed /$1/"
}

# check_frame W H: no line longer than the terminal, the header still on the
# first row and the help line on the last (a line the program drew too wide
# would wrap in tmux and push the frame down).
check_frame() {
  local w=$1 h=$2
  screen | perl -CS -ne 'chomp; if (length($_) > '"$w"') { print "line $. is ".length($_)." > '"$w"'\n"; $bad=1 } END { exit($bad ? 1 : 0) }' \
    || fail "a line is wider than the terminal"
  screen | head -1 | grep -q '^ immtui' || fail "the header is not on the first row"
  [ "$(screen | sed -n "${h}p" | grep -Ec 'quit|back|help')" = 1 ] || fail "the help line is not on the last row"
}

keys() { T send-keys -t e2e "$@"; }

for SIZE in "${SIZES[@]}"; do
  W=${SIZE%x*}; H=${SIZE#*x}
  T new-session -d -s e2e -x "$W" -y "$H" "env LANG=C.UTF-8 $BIN --demo --seed 1; sleep 30"
  wait_for 'family-photos'
  wait_for 'Cluster|clusters'
  check_frame "$W" "$H"
  screen >"$OUT/clusters-$SIZE.txt"
  keys Down Down Enter
  wait_for 'Overview'
  for n in 1 2 3 4 5 6 7; do
    keys "$n"
    case $n in
      1) wait_for 'Filename|URI' ;;
      2) wait_for 'face|Face' ;;
      3) wait_for 'abel' ;;
      4) wait_for 'OCR|text' ;;
      5) wait_for 'tream|no stream' ;;
      6) wait_for 'ddress|Timezone' ;;
      7) wait_for '"URI"' ;;
    esac
    check_frame "$W" "$H"
    screen >"$OUT/pane$n-$SIZE.txt"
  done
  keys Escape
  wait_for 'sort'
  keys q
  for i in $(seq 1 50); do
    screen | grep -q 'family-photos' || break
    sleep 0.1
  done
  screen | grep -q 'family-photos' && fail "q did not quit"
  T kill-session -t e2e 2>/dev/null || true
  echo "e2e ok at $SIZE"
done

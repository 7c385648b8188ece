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
  # The header's parts give way by priority as the width shrinks; the
  # dataset and the read-only marker stay longest.
  screen | head -1 | grep -Eq 'read-only|dataset ' || fail "the header is not on the first row"
  [ "$(screen | sed -n "${h}p" | grep -Ec 'quit|back|help')" = 1 ] || fail "the help line is not on the last row"
}

keys() { T send-keys -t e2e "$@"; }

# review_scenario W H: the review of clustering as a new user does it:
# :review opens the worst cluster on its Members (outliers first, with
# their flags in words), n the next worst; on the list Space marks two
# clusters and = compares them (the verdict and its reason), a opens A's
# Members.
review_scenario() {
  local w=$1 h=$2
  T new-session -d -s e2e -x "$w" -y "$h" "env LANG=C.UTF-8 $BIN --demo --seed 1; sleep 30"
  wait_for ' loaded'
  wait_for 'faces in no cluster|faces in n'
  keys ':' 'sort flagged' Enter
  wait_for 'sorted by flagged, [0-9]+ of [0-9]+ computed'
  check_frame "$w" "$h"
  keys ':' 'review' Enter
  wait_for 'Members [0-9]+ faces in'
  screen | grep -Eq '^> conf' || fail ":review: the first face is not flagged conf"
  check_frame "$w" "$h"
  keys n
  wait_for 'Members [0-9]+ faces in'
  keys Escape
  wait_for 'sort'
  keys g Down Down ' ' ' ' '='
  wait_for 'Verdict (merge candidate|two people|different people|undecided)'
  check_frame "$w" "$h"
  screen >"$OUT/compare-$w.txt"
  keys a
  wait_for 'Members [0-9]+ faces in'
  keys Escape # one at a time: two in a row read as Alt+Escape
  wait_for 'Verdict'
  keys Escape
  wait_for 'sort'
  keys q
  T kill-session -t e2e 2>/dev/null || true
  echo "e2e review ok at ${w}x${h}"
}

# A session that lives as long as the script: killing the last session
# stops the tmux server, and the next new-session can race its exit
# ("server exited unexpectedly").
T new-session -d -s keep "sleep 3600"

for SIZE in "${SIZES[@]}"; do
  W=${SIZE%x*}; H=${SIZE#*x}
  T new-session -d -s e2e -x "$W" -y "$H" "env LANG=C.UTF-8 $BIN --demo --seed 1; sleep 30"
  wait_for 'family-photos'
  wait_for 'Cluster|clusters'
  wait_for ' loaded'  # rows are on screen: keys sent before would move nothing
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
  # The command line: a sort by name, and a bad :file URI's message line
  # (which the next key, q, clears as it quits).
  keys ':' 'sort imagecount asc' Enter
  wait_for 'sorted by ImageCount asc'
  check_frame "$W" "$H"
  keys ':' 'file foo' Enter
  wait_for 'file URIs start with oss:// or pds:// \(got "foo"\)'
  keys q
  for i in $(seq 1 50); do
    screen | grep -q 'family-photos' || break
    sleep 0.1
  done
  screen | grep -q 'family-photos' && fail "q did not quit"
  T kill-session -t e2e 2>/dev/null || true
  echo "e2e ok at $SIZE"
  review_scenario "$W" "$H"
done

# Hostile data at 80x24: names, labels and URIs full of escapes, bidi and
# control characters must be shown escaped, never acted on, and every frame
# must still fit. tmux keeps OSC 52 clipboard writes as paste buffers: there
# must be none afterwards.
SIZE=80x24; W=80; H=24
T new-session -d -s e2e -x "$W" -y "$H" "env LANG=C.UTF-8 $BIN --demo --data testdata/hostile.json; sleep 30"
wait_for 'hostile-dataset'
wait_for 'loaded'
check_frame "$W" "$H"
screen | grep -qF '\x1b' || fail "the escapes in names are not shown escaped"
keys Enter
wait_for 'Overview'
for n in 1 2 3 4 5 6 7; do
  keys "$n"
  sleep 0.3
  check_frame "$W" "$H"
done
keys w; sleep 0.2; check_frame "$W" "$H"
keys Escape Down Down Down Enter
wait_for 'Overview'
check_frame "$W" "$H"
[ -z "$(T list-buffers 2>/dev/null)" ] || fail "a paste buffer appeared: an OSC 52 clipboard write got through"
keys Escape
wait_for 'sort'
keys q
for i in $(seq 1 50); do screen | grep -q 'hostile-dataset' || break; sleep 0.1; done
screen | grep -q 'hostile-dataset' && fail "q did not quit on the hostile dataset"
T kill-session -t e2e 2>/dev/null || true
echo "e2e ok: hostile dataset at $SIZE"

# Ctrl+C while every request takes 5 s: the program exits at once and the
# shell gets its screen back (alternate screen off, the prompt visible).
SIZE=80x24
T new-session -d -s e2e -x 80 -y 24 "env PS1='e2e-prompt\$ ' LANG=C.UTF-8 bash --norc --noprofile"
wait_for 'e2e-prompt'
keys "$BIN --demo --faults latency=5s; echo EXITED \$?" Enter
wait_for 'read-only'
[ "$(T display -p -t e2e '#{alternate_on}')" = 1 ] || fail "the browser is not on the alternate screen"
keys C-c
# Well under the 5 s a reply takes: the program did not wait for one.
for i in $(seq 1 40); do screen | grep -q '^EXITED' && break; sleep 0.1; done
screen | grep -q '^EXITED 0' || fail "Ctrl+C did not end the program within 4 s while requests were in flight"
[ "$(T display -p -t e2e '#{alternate_on}')" = 0 ] || fail "the alternate screen was left on after Ctrl+C"
screen | grep -q 'read-only' && fail "the browser's frame is still on the screen after Ctrl+C"
screen | grep -q 'e2e-prompt' || fail "the shell prompt is not back after Ctrl+C"
T kill-session -t e2e 2>/dev/null || true
echo "e2e ok: Ctrl+C with requests in flight restores the terminal"

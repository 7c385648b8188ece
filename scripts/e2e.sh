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

# e2e_nav: filter the clusters list, open the match, [ back and ] forward
# through the places visited, copy a face's file URI from its Members;
# it leaves the unfiltered list on screen as it found it.
e2e_nav() {
  keys / 奶 奶
  wait_for '/奶奶: 1 of [0-9]+'
  keys Enter Enter
  wait_for 'Clusters > 奶奶'
  keys '['
  wait_for '^(Overview > )?Clusters *$'
  keys ']'
  wait_for 'Clusters > 奶奶'
  keys m
  wait_for 'Members [0-9]+ faces'
  keys y
  wait_for 'copied [0-9]+ B file URI'
  check_frame "$W" "$H"
  keys Escape
  wait_for '^(Overview > )?Clusters *$'
  wait_for '/奶奶: 1 of'
  sleep 0.3  # an Esc right after another reads as Alt+Esc
  keys Escape
  for i in $(seq 1 50); do screen | grep -q '/奶奶' || break; sleep 0.1; done
  screen | grep -q '/奶奶' && fail "Esc did not clear the filter"
  return 0
}

# face_grid W H: a cluster's face grid in 256 colours (g), pictures drawn
# (half-blocks), Enter opens the face's file on its Faces pane with the crop.
face_grid() {
  local w=$1 h=$2
  T new-session -d -s e2e -x "$w" -y "$h" "env LANG=C.UTF-8 TERM=xterm-256color COLORTERM= XDG_CACHE_HOME=$OUT/cache $BIN --demo --seed 1; sleep 30"
  wait_for 'Media type'  # the overview first; c opens the clusters
  keys c
  wait_for ' loaded'
  # The first keys can race the terminal's answer to the colour query at
  # start: press Enter until the cluster opens.
  for i in $(seq 1 20); do screen | grep -q '\[1 Overview\]' && break; keys Enter; sleep 0.3; done
  wait_for '\[1 Overview\]'
  keys g
  wait_for 'Face grid [0-9,]+ faces'
  for i in $(seq 1 100); do T capture-pane -ept e2e | grep -q $'\e\[38;5;[0-9]*m\e\[48;5;[0-9]*m▀' && break; sleep 0.1; done
  T capture-pane -ept e2e | grep -q '▀' || fail "the grid drew no picture"
  check_frame "$w" "$h"
  keys Right Down Enter
  wait_for '\[2 Faces\]'
  wait_for 'Boundary [0-9]+x[0-9]+'
  check_frame "$w" "$h"
  T kill-session -t e2e 2>/dev/null || true
  echo "e2e ok: face grid at ${w}x${h}"
}

# e2e_compare_grids W H: on Compare, both clusters' faces side by side;
# Shift+Tab focuses grid B from either start (the shared files, or grid A
# when there are none), Enter opens its face's file on the Faces pane, and
# Esc comes back to Compare.
e2e_compare_grids() {
  local w=$1 h=$2
  wait_for 'A [0-9]+ faces, outliers first'
  keys BTab
  wait_for '> B [0-9]+ faces, outliers first'
  check_frame "$w" "$h"
  keys Enter
  wait_for '\[2 Faces\]'
  keys Escape
  wait_for 'Verdict'
}

# review_scenario W H: the review of clustering as a new user does it:
# :review opens the worst cluster on its Members (outliers first, with
# their flags in words), n the next worst; on the list Space marks two
# clusters and = compares them (the verdict and its reason), a opens A's
# Members.
review_scenario() {
  local w=$1 h=$2
  T new-session -d -s e2e -x "$w" -y "$h" "env LANG=C.UTF-8 $BIN --demo --seed 1; sleep 30"
  wait_for 'Media type'  # the overview first; c opens the clusters
  keys c
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
  e2e_compare_grids "$w" "$h"
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

# e2e_explore: the overview, a search as a new user types it (a typo
# first: the caret points at it), one of its files, back to the overview,
# the labels, the places and into the clusters. Uses $SIZE, $W, $H.
e2e_explore() {
  T new-session -d -s e2e -x "$W" -y "$H" "env LANG=C.UTF-8 TZ=Asia/Shanghai $BIN --demo --seed 1; sleep 30"
  wait_for 'Media type'
  keys F
  keys 'type:vidoe city:杭州 after:2024-01 before:2025-01' Enter
  wait_for '"vidoe"'
  wait_for '\^\^\^'  # under the wrong word (the caret line is the last row)
  keys C-a
  keys Right Right Right Right Right Right Right Right Right Right BSpace BSpace
  keys 'eo' Enter
  wait_for 'Find type:video city:杭州 .* [0-9]+ files?, by'
  check_frame "$W" "$H"
  screen >"$OUT/find-$SIZE.txt"
  if ! screen | grep -q 'No file matches'; then
    keys Enter
    wait_for 'Filename'
    check_frame "$W" "$H"
    keys Escape
  fi
  wait_for '^Find type:video'  # the results' title, not the file's crumb
  keys Escape
  wait_for '^Overview *$'
  keys l
  wait_for 'Labels [0-9,]+ labels'
  check_frame "$W" "$H"
  keys Escape
  keys p
  wait_for 'Places [0-9,]+ places'
  check_frame "$W" "$H"
  keys Escape
  wait_for 'Media type'
  keys c
  wait_for ' loaded'
  check_frame "$W" "$H"
  keys C-c
  for i in $(seq 1 50); do screen | grep -q 'family-photos' || break; sleep 0.1; done
  T kill-session -t e2e 2>/dev/null || true
  echo "e2e ok: explore at $SIZE"
}

for SIZE in "${SIZES[@]}"; do
  W=${SIZE%x*}; H=${SIZE#*x}
  T new-session -d -s e2e -x "$W" -y "$H" "env LANG=C.UTF-8 $BIN --demo --seed 1; sleep 30"
  wait_for 'family-photos'
  # The first screen is the dataset's overview; c opens the clusters.
  wait_for 'Media type'
  check_frame "$W" "$H"
  screen >"$OUT/overview-$SIZE.txt"
  keys c
  wait_for 'Cluster|clusters'
  wait_for ' loaded'  # rows are on screen: keys sent before would move nothing
  check_frame "$W" "$H"
  screen >"$OUT/clusters-$SIZE.txt"
  e2e_nav
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
  keys q  # clears the message and goes back to the overview
  wait_for 'Media type'
  keys q
  for i in $(seq 1 50); do
    screen | grep -q 'family-photos' || break
    sleep 0.1
  done
  screen | grep -q 'family-photos' && fail "q did not quit"
  T kill-session -t e2e 2>/dev/null || true
  echo "e2e ok at $SIZE"
  e2e_explore
  review_scenario "$W" "$H"
done

for SIZE in "${SIZES[@]}"; do face_grid "${SIZE%x*}" "${SIZE#*x}"; done

# Hostile data at 80x24: names, labels and URIs full of escapes, bidi and
# control characters must be shown escaped, never acted on, and every frame
# must still fit. tmux keeps OSC 52 clipboard writes as paste buffers: there
# must be none afterwards.
SIZE=80x24; W=80; H=24
T new-session -d -s e2e -x "$W" -y "$H" "env LANG=C.UTF-8 $BIN --demo --data testdata/hostile.json; sleep 30"
wait_for 'hostile-dataset'
wait_for 'Overview'
check_frame "$W" "$H"
keys c
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
wait_for 'Overview'
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

# The picker as a new user meets it: only an aliyun CLI profile (the
# emulator's demo key) in a fresh HOME, `immtui serve` in another window,
# immtui --endpoint: the projects, Enter, the datasets, Enter, the clusters;
# :projects goes back; immtui info names the profile.
e2e_picker() {
  local W=$1 H=$2 home port
  home=$(mktemp -d "$OUT/home.XXXX")
  mkdir -p "$home/.aliyun"
  printf '{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"LTAI-immtui-demo","access_key_secret":"immtui-demo-secret","region_id":"cn-hangzhou"}]}' >"$home/.aliyun/config.json"
  port=$((20000 + ($$ + W) % 20000))
  local run="env -u ALIBABA_CLOUD_ACCESS_KEY_ID -u ALIBABA_CLOUD_ACCESS_KEY_SECRET -u ALIBABA_CLOUD_PROFILE HOME=$home XDG_CONFIG_HOME=$home/c XDG_STATE_HOME=$home/s LANG=C.UTF-8"
  T new-session -d -s serve "$run $BIN serve --addr 127.0.0.1:$port; sleep 30"
  T new-session -d -s e2e -x "$W" -y "$H" "sleep 1; $run $BIN --endpoint http://127.0.0.1:$port; sleep 30"
  wait_for 'immtui-archive'
  wait_for '2 projects'
  screen | grep -q 'profile default' || fail "the header does not name the profile"
  check_frame "$W" "$H"
  keys Down Enter
  wait_for 'Datasets of immtui-demo'
  wait_for 'travel-2024'
  check_frame "$W" "$H"
  keys Enter
  wait_for 'Overview [0-9,]+ files'  # a dataset opens on its overview
  keys c
  wait_for 'Clusters [0-9]+ total'
  screen | grep -q 'dataset family-photos' || fail "the header does not name the dataset"
  check_frame "$W" "$H"
  keys ':' 'projects' Enter
  wait_for '2 projects'
  $run $BIN info --endpoint "http://127.0.0.1:$port" | grep 'profile *default' >/dev/null || fail "immtui info does not name the profile"
  keys q
  T kill-session -t e2e 2>/dev/null || true
  T kill-session -t serve 2>/dev/null || true
  echo "e2e ok: the picker with only a CLI profile at ${W}x$H"
}

for SIZE in "${SIZES[@]}"; do
  e2e_picker "${SIZE%x*}" "${SIZE#*x}"
done

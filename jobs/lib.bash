# Shared by the launchers in jobs/ (sourced, not run).

# Creates DIR as a private directory (a real directory, owned by the user, mode 700, in a parent
# that others cannot rename it out of), or checks that an existing one is; exits with 2 otherwise.
private_dir() {
  local dir="$1" parent mode why=""
  parent="$(dirname -- "$dir")"
  mkdir -p -- "$parent"
  mode=$((8#$(stat -c %a -- "$parent")))
  if (( (mode & 8#022) != 0 && (mode & 8#1000) == 0 )); then
    why="its parent $parent is writable by other users without the sticky bit"
  else
    mkdir -m 700 -- "$dir" 2>/dev/null || true
    if [ -L "$dir" ]; then why="it is a symbolic link"
    elif [ ! -d "$dir" ]; then why="it is not a directory"
    elif [ "$(stat -c %u -- "$dir")" != "$(id -u)" ]; then why="it is owned by $(stat -c %U -- "$dir"), not by $(id -un)"
    elif [ "$(stat -c %a -- "$dir")" != 700 ]; then why="its mode is $(stat -c %a -- "$dir"), not 700 (chmod 700 $dir)"
    fi
  fi
  if [ -n "$why" ]; then
    echo "attnreg: refusing the temporary directory $dir: $why; remove it or set TMPDIR to a folder of your own" >&2
    exit 2
  fi
}

# The master URL among the arguments (--master URL or --master=URL), or nothing.
master_of() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --master) [ $# -gt 1 ] && printf '%s\n' "$2"; return 0 ;;
      --master=*) printf '%s\n' "${1#--master=}"; return 0 ;;
    esac
    shift
  done
}

# The driver settings (driver.properties: secret, loopback addresses) of the cluster that
# jobs/cluster started with master URL $1, or nothing. The cluster's folder is $ATTNREG_CLUSTER_DIR,
# else $XDG_STATE_HOME/attnreg/cluster, else ~/.local/state/attnreg/cluster, as jobs/cluster uses.
cluster_driver_properties() {
  local state="${XDG_STATE_HOME:-}" dir file
  case "$state" in /*) ;; *) state="$HOME/.local/state" ;; esac
  dir="${ATTNREG_CLUSTER_DIR:-$state/attnreg/cluster}"
  file="$dir/driver.properties"
  if [ -f "$file" ] && [ -r "$file" ] && grep -qxF "spark.master=$1" "$file"; then
    printf '%s\n' "$file"
  fi
}

# Maven without colour codes (Debian's Maven 3.8 prints raw ESC[0m even in batch mode).
quiet_mvn() {
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q -Dstyle.color=never "$@"
}

# The one stderr line every JVM with the vector module prints; the launchers drop exactly it.
INCUBATOR_WARNING='^WARNING: Using incubator modules: jdk\.incubator\.vector$'

# Runs "$@" with that line dropped from its stderr and exits with its exit code. The filter is waited
# for, so all of stderr is out when the launcher ends (a plain `exec … 2> >(grep …)` could still be
# printing after the caller's next command started); SIGTERM, SIGINT and SIGHUP sent to the launcher
# are passed on to the command as SIGTERM, so `kill` and `timeout` still end the JVM.
run_filtered() {
  local filter child rc
  exec 3> >(trap '' INT TERM HUP; exec grep -v --line-buffered "$INCUBATOR_WARNING" >&2)
  filter=$!
  "$@" 2>&3 <&0 &
  child=$!
  exec 3>&-
  trap 'kill -TERM "$child" 2>/dev/null || true' TERM INT HUP
  while :; do
    rc=0
    wait "$child" || rc=$?
    if ! kill -0 "$child" 2>/dev/null; then break; fi # else a trapped signal interrupted the wait
  done
  trap - TERM INT HUP
  wait "$filter" 2>/dev/null || true
  exit "$rc"
}

# Class data sharing (AppCDS): the JVM maps the classes of an earlier solve from an archive instead of
# finding, parsing and verifying them in the ~200 jars of the class path, which takes about half of
# Spark's start-up. The archive is written when the first successful `solve` after a build exits (that
# run takes a few seconds more) and serves every later command with the same class path and JVM; a
# rebuild removes it. Sets cds_opts (the JVM options) and cds_pending (the archive being written, if any).
# Usage: cds_options DIR CLASS_PATH ARGS...
cds_options() {
  local dir="$1" class_path="$2" key a
  shift 2
  # the JVM ignores an archive whose jars changed size or time since it was written (a jar rebuilt
  # outside this script, say), silently: the jars' sizes and times are part of the key, so a new
  # archive is written instead
  key="$( { printf '%s\n' "$class_path"; readlink -f "$(command -v java)"
    printf '%s\n' "$class_path" | tr ':' '\n' | xargs -d '\n' stat -c '%n %s %Y' 2>/dev/null; } \
    | sha256sum | cut -c1-16)"
  cds_archive="$dir/attnreg-$key.jsa"
  cds_pending=""
  cds_opts=(-Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off)
  if [ -f "$cds_archive" ]; then
    cds_opts+=(-XX:SharedArchiveFile="$cds_archive")
    return 0
  fi
  [ "${1:-}" = solve ] || return 0
  for a in "$@"; do
    case "$a" in -h|--help|-V|--version) return 0 ;; esac # too few classes for a useful archive
  done
  mkdir -p -- "$dir"
  cds_pending="$cds_archive.$$.tmp"
  cds_opts+=(-XX:ArchiveClassesAtExit="$cds_pending")
}

# Keeps the archive a run wrote if the run solved (exit code $1 is 0 or 4), and removes older ones;
# else drops it.
cds_publish() {
  if [ -n "${cds_pending:-}" ]; then
    if { [ "$1" = 0 ] || [ "$1" = 4 ]; } && [ -s "$cds_pending" ]; then
      mv -f -- "$cds_pending" "$cds_archive"
      # archives of earlier jars (about 100 MB each) serve nothing any more
      find "$(dirname -- "$cds_archive")" -maxdepth 1 -name 'attnreg-*.jsa' ! -name "$(basename -- "$cds_archive")" \
        -delete 2>/dev/null || true
    else
      rm -f -- "$cds_pending"
    fi
  fi
}

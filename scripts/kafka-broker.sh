#!/usr/bin/env bash
# Runs a real Apache Kafka cluster (KRaft mode, no ZooKeeper) on loopback ports for tests, from
# the jars that Maven fetches through scripts/kafka/pom.xml. Works from any directory.
#
# Usage:
#   kafka-broker.sh install
#       Fetches the broker's jars into the cache (.cache/kafka/lib under the repository root, or
#       $FLUXO_KAFKA_LIB). Idempotent: returns at once when the jars for this pom.xml are there.
#   kafka-broker.sh start [--brokers 1|3] [--dir DIR]
#       Installs if needed, then starts the cluster in the background and returns when every broker
#       serves. stdout line 1: bootstrap.servers=127.0.0.1:PORT[,...]; line 2: dir=DIR.
#       DIR (default: a fresh temporary directory) receives bootstrap.servers, and per broker
#       broker-N/{server.properties,pid,server.log,data/}. Each node is broker and controller;
#       with 3 brokers they form a 3-voter quorum.
#   kafka-broker.sh stop --dir DIR
#       SIGTERM to every broker, SIGKILL to those still running after 30 s, then removes DIR.
#   kafka-broker.sh kill-broker --dir DIR --id N
#       SIGKILL to broker N (1-based), for failover tests.
#   kafka-broker.sh restart-broker --dir DIR --id N
#       Starts broker N again with its old configuration and data, and waits until it serves.
#
# Environment: FLUXO_KAFKA_HEAP (default "-Xms128m -Xmx512m"), FLUXO_KAFKA_JVM_OPTS (extra JVM
# options), FLUXO_KAFKA_START_TIMEOUT (seconds, default 90).
#
# Test settings: internal topics (consumer offsets, transaction state) have replication factor =
# number of brokers and min.insync.replicas 1 (one broker) or 2 (three brokers); auto-created topics
# have 1 partition and replication factor = number of brokers; the broker-wide min.insync.replicas
# stays 1 (set it per topic where a test needs more); group.initial.rebalance.delay.ms=0.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pom="$repo_root/scripts/kafka/pom.xml"
lib_dir=${FLUXO_KAFKA_LIB:-$repo_root/.cache/kafka/lib}
heap_opts=${FLUXO_KAFKA_HEAP:--Xms128m -Xmx512m}
start_timeout=${FLUXO_KAFKA_START_TIMEOUT:-90}

die() {
  echo "kafka-broker: $*" >&2
  exit 1
}

usage() {
  sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}" >&2
  exit 2
}

# --- install ---------------------------------------------------------------------------------

install() {
  command -v java >/dev/null || die "java not found (Kafka 4 needs Java 17 or newer)"
  local stamp
  stamp="$lib_dir/.installed-$(sha256sum "$pom" | cut -c1-16)"
  if [ -f "$stamp" ]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (apt-get install maven)"
  echo "kafka-broker: fetching the Kafka broker with Maven into $lib_dir" >&2
  rm -rf "$lib_dir"
  mkdir -p "$lib_dir"
  local log
  log=$(mktemp)
  if ! mvn -q -B -Dstyle.color=never -f "$pom" dependency:copy-dependencies \
    "-Dkafka.lib.dir=$lib_dir" >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    die "Maven could not fetch the broker"
  fi
  rm -f "$log"
  ls "$lib_dir"/kafka_2.13-*.jar >/dev/null 2>&1 || die "Maven left no kafka_2.13 jar in $lib_dir"
  touch "$stamp"
}

# --- helpers -----------------------------------------------------------------------------------

# Prints N distinct free TCP ports on 127.0.0.1, one per line (held open together while chosen).
free_ports() {
  python3 - "$1" <<'EOF'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
for s in socks:
    print(s.getsockname()[1])
EOF
}

# A random Kafka cluster id: 16 random bytes in URL-safe base64 without padding (22 characters),
# never starting with '-' (the storage tool would read it as an option and see an empty
# --cluster-id; Kafka's own Uuid.randomUuid() redraws such ids too).
random_cluster_id() {
  local id
  id=-
  while [[ $id == -* ]]; do
    id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n')
  done
  echo "$id"
}

# The java command line shared by the broker and the storage tool (an array, so that `cmd &`
# gives the pid of java itself).
java_cmd() {
  # shellcheck disable=SC2206  # the option strings are word lists on purpose
  java_args=(java $heap_opts -XX:+UseSerialGC -Djava.awt.headless=true
    -Dorg.slf4j.simpleLogger.showDateTime=true
    -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS
    ${FLUXO_KAFKA_JVM_OPTS:-} -cp "$lib_dir/*")
}

broker_count() {
  local dir=$1 n=0
  while [ -d "$dir/broker-$((n + 1))" ]; do n=$((n + 1)); done
  echo "$n"
}

is_running() {
  local pid_file=$1
  [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null
}

# Starts broker N of DIR in the background; its pid goes to broker-N/pid.
launch_broker() {
  local dir=$1 id=$2 node="$1/broker-$2"
  # Closed stdin/stdout: the broker must not hold the caller's pipes open after this script exits.
  local java_args
  java_cmd
  "${java_args[@]}" kafka.Kafka "$node/server.properties" </dev/null >>"$node/server.log" 2>&1 &
  echo $! >"$node/pid"
}

# Waits until broker N logs that it started (KRaft brokers log it once unfenced) and its port
# accepts connections. Returns 1 on timeout or if the process died.
wait_for_broker() {
  local dir=$1 id=$2 deadline=$3 node="$1/broker-$2" port
  port=$(cat "$node/port")
  while :; do
    if ! is_running "$node/pid"; then
      echo "kafka-broker: broker $id exited during start-up; end of $node/server.log:" >&2
      tail -n 30 "$node/server.log" | sed 's/^/    | /' >&2
      return 1
    fi
    if grep -q "Kafka Server started" "$node/server.log" 2>/dev/null &&
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      return 0
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "kafka-broker: broker $id did not start within ${start_timeout}s; end of $node/server.log:" >&2
      tail -n 30 "$node/server.log" | sed 's/^/    | /' >&2
      return 1
    fi
    sleep 0.2
  done
}

# Sends SIGTERM to every running broker of DIR, waits up to 30 s, then SIGKILLs the rest.
stop_brokers() {
  local dir=$1 n i pid
  n=$(broker_count "$dir")
  for ((i = 1; i <= n; i++)); do
    if is_running "$dir/broker-$i/pid"; then kill -TERM "$(cat "$dir/broker-$i/pid")" 2>/dev/null || true; fi
  done
  local deadline=$((SECONDS + 30))
  for ((i = 1; i <= n; i++)); do
    while is_running "$dir/broker-$i/pid" && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.2; done
    if is_running "$dir/broker-$i/pid"; then
      pid=$(cat "$dir/broker-$i/pid")
      echo "kafka-broker: broker $i (pid $pid) still running after 30 s, sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

# --- start -----------------------------------------------------------------------------------

write_properties() {
  local dir=$1 id=$2 brokers=$3 port=$4 controller_port=$5 voters=$6 node="$1/broker-$2"
  local min_isr=1
  if [ "$brokers" -ge 3 ]; then min_isr=2; fi
  cat >"$node/server.properties" <<EOF
# Written by scripts/kafka-broker.sh: broker $id of $brokers, for tests.
process.roles=broker,controller
node.id=$id
controller.quorum.voters=$voters
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
log.dirs=$node/data

auto.create.topics.enable=true
num.partitions=1
default.replication.factor=$brokers
group.initial.rebalance.delay.ms=0
offsets.topic.replication.factor=$brokers
offsets.topic.num.partitions=4
transaction.state.log.replication.factor=$brokers
transaction.state.log.min.isr=$min_isr
transaction.state.log.num.partitions=4
share.coordinator.state.topic.replication.factor=$brokers
share.coordinator.state.topic.min.isr=$min_isr

# Small thread pools: tests run on 2-core machines.
num.network.threads=2
num.io.threads=2
num.recovery.threads.per.data.dir=1
background.threads=2
EOF
}

start() {
  local brokers=1 dir=
  while [ $# -gt 0 ]; do
    case "$1" in
      --brokers) brokers=${2:?--brokers needs 1 or 3}; shift 2 ;;
      --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
      *) usage ;;
    esac
  done
  case "$brokers" in 1 | 3) ;; *) die "--brokers must be 1 or 3, not $brokers" ;; esac

  install
  local created_dir=0
  if [ -z "$dir" ]; then
    dir=$(mktemp -d "${TMPDIR:-/tmp}/fluxo-kafka.XXXXXX")
    created_dir=1
  else
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ -z "$(ls -A "$dir")" ] || die "--dir $dir is not empty"
  fi

  local ports=() i voters="" bootstrap=""
  mapfile -t ports < <(free_ports $((2 * brokers)))
  for ((i = 1; i <= brokers; i++)); do
    voters+="${voters:+,}$i@127.0.0.1:${ports[2 * i - 1]}"
    bootstrap+="${bootstrap:+,}127.0.0.1:${ports[2 * i - 2]}"
  done

  local cluster_id
  cluster_id=$(random_cluster_id)
  local format_pids=() java_args
  java_cmd
  for ((i = 1; i <= brokers; i++)); do
    mkdir -p "$dir/broker-$i/data"
    echo "${ports[2 * i - 2]}" >"$dir/broker-$i/port"
    write_properties "$dir" "$i" "$brokers" "${ports[2 * i - 2]}" "${ports[2 * i - 1]}" "$voters"
    # kafka-storage format, for every node at once (each is a JVM start of about 2 s).
    "${java_args[@]}" kafka.tools.StorageTool format --ignore-formatted --cluster-id "$cluster_id" \
      --config "$dir/broker-$i/server.properties" </dev/null >"$dir/broker-$i/format.log" 2>&1 &
    format_pids+=($!)
  done
  local failed=0
  for ((i = 1; i <= brokers; i++)); do
    if ! wait "${format_pids[i - 1]}"; then
      echo "kafka-broker: formatting the storage of broker $i failed:" >&2
      sed 's/^/    | /' "$dir/broker-$i/format.log" >&2
      failed=1
    fi
  done
  if [ "$failed" -ne 0 ]; then
    if [ "$created_dir" -eq 1 ]; then rm -rf "$dir"; fi
    exit 1
  fi

  for ((i = 1; i <= brokers; i++)); do launch_broker "$dir" "$i"; done
  local deadline=$((SECONDS + start_timeout))
  for ((i = 1; i <= brokers; i++)); do
    if ! wait_for_broker "$dir" "$i" "$deadline"; then
      stop_brokers "$dir"
      echo "kafka-broker: logs kept in $dir" >&2
      exit 1
    fi
  done

  echo "$bootstrap" >"$dir/bootstrap.servers"
  echo "bootstrap.servers=$bootstrap"
  echo "dir=$dir"
}

# --- stop, kill-broker, restart-broker ---------------------------------------------------------

parse_dir_and_id() {
  dir= id=
  while [ $# -gt 0 ]; do
    case "$1" in
      --dir) dir=${2:?--dir needs a directory}; shift 2 ;;
      --id) id=${2:?--id needs a broker number}; shift 2 ;;
      *) usage ;;
    esac
  done
  [ -n "$dir" ] || die "--dir is required"
  [ -f "$dir/broker-1/server.properties" ] || die "$dir holds no cluster started by this script"
}

stop() {
  local dir id
  parse_dir_and_id "$@"
  stop_brokers "$dir"
  rm -rf "$dir"
}

kill_broker() {
  local dir id
  parse_dir_and_id "$@"
  [ -n "$id" ] && [ -d "$dir/broker-$id" ] || die "no broker --id '$id' in $dir"
  if is_running "$dir/broker-$id/pid"; then
    local pid
    pid=$(cat "$dir/broker-$id/pid")
    kill -KILL "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  fi
}

restart_broker() {
  local dir id
  parse_dir_and_id "$@"
  [ -n "$id" ] && [ -d "$dir/broker-$id" ] || die "no broker --id '$id' in $dir"
  is_running "$dir/broker-$id/pid" && die "broker $id is still running"
  # Only a new "started" line counts: the old log moves to server.log.1, .2, ...
  local n=1
  while [ -e "$dir/broker-$id/server.log.$n" ]; do n=$((n + 1)); done
  mv "$dir/broker-$id/server.log" "$dir/broker-$id/server.log.$n"
  launch_broker "$dir" "$id"
  wait_for_broker "$dir" "$id" $((SECONDS + start_timeout))
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  install) install ;;
  start) start "$@" ;;
  stop) stop "$@" ;;
  kill-broker) kill_broker "$@" ;;
  restart-broker) restart_broker "$@" ;;
  *) usage ;;
esac

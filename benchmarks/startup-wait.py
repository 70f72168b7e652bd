#!/usr/bin/env python3
"""The start-up wait measured from outside, for benchmarks/startup-wait.sh (which builds the jar).

    startup-wait.py --jar JAR [--baseline-jar JAR] --results RESULTS.csv --summary SUMMARY.txt --work DIR ...

Starts the benchmark application (benchmarks/startup-app) with its database URL pointing at a
loopback port where nothing listens, so that every connection is refused and the application
waits (probes.startup.wait). Then, per scenario and run:

- ready scenarios: once /livez answers 200 and the application's log announces that the wait's
  backoff has grown to its cap (probes.startup.backoff.max, less the 20 % jitter), lets a random
  part of one capped interval pass, so that the database comes back anywhere between two
  attempts; then starts a TCP forwarder on that port to the real PostgreSQL and takes T0 the
  moment it listens (the database answers from then on); polls /readyz every 10 ms, each time
  on a new connection as the kubelet does, and takes T1 at the first 200. Reports T1 - T0, and
  where the log says the time went (log timestamps against T0).
- timeout scenario: probes.startup.timeout=5s and the database refused throughout; reports the
  time from launch to the process's exit, and its exit code.

Each ready run migrates a schema of its own (spring.flyway.schemas and currentSchema), dropped
with psql afterwards, so that Flyway really migrates every time. Scenarios take turns within
each round, so that a drift of the machine's load spreads over all of them. With --baseline-jar (the
same application built from other code), each launch is followed by the same launch of the
baseline, so that both are measured under the same load; the summary shows both and their ratio.
Everything listens
on 127.0.0.1 only; every process started here is stopped, by its own handle, before the next run.
"""

import argparse
import csv
import datetime
import http.client
import os
import random
import re
import resource
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field

# benchmarks/blackhole.py: its proxy, with traffic passing, is the database's forwarder here.
import blackhole

READY_TARGET_MS = 1000
EXIT_TARGET_MS = 6000
POLL_SECONDS = 0.01
# How long a stage may take before the run counts as failed, not as slow.
STAGE_LIMIT_SECONDS = 120

COLUMNS = ["scenario", "code", "run", "launch_to_first_log_ms", "launch_to_livez_ms", "launch_to_wait_ms",
           "launch_to_capped_backoff_ms", "backoff_before_t0", "delay_before_t0_ms", "readyz_before_t0",
           "t0_to_readyz_ms", "app_cpu_ms", "longest_unanswered_ms", "broken_answers", "gate_open_ms",
           "flyway_applied_ms", "jdbc_query_ms", "tomcat_started_ms", "started_ms", "runner_ms", "wait_took",
           "launch_to_gave_up_ms", "exit_code", "launch_to_exit_ms"]

# Log lines whose timestamps tell where the time after T0 went, by column.
MARKERS = {
    "gate_open_ms": "dependencies up after",
    "flyway_applied_ms": "Successfully applied",
    "jdbc_query_ms": "JdbcTemplate queried the database",
    "tomcat_started_ms": "Tomcat started on port",
    "started_ms": "Started StartupBenchmarkApplication",
    "runner_ms": "CommandLineRunner ran",
}

LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+(?:Z|[+-]\d\d:\d\d))\s+\w+\s+\d+ --- .*?: (.*)$")
BACKOFF = re.compile(r"waiting for postgres \(attempt \d+, next in ([^)]+)\)")
WAIT_TOOK = re.compile(r"the wait itself took ([^)]+)\)")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Scenario:
    name: str
    description: str
    arguments: list = field(default_factory=list)
    timeout: bool = False
    backoff_max: float = 5.0


SCENARIOS = [
    Scenario("flyway", "with Flyway, probes.startup.backoff.max 5s (default)"),
    Scenario("no-flyway", "without Flyway (spring.flyway.enabled=false), backoff.max 5s",
             ["--spring.flyway.enabled=false"]),
    Scenario("flyway-backoff-1s", "with Flyway, probes.startup.backoff.max 1s", ["--probes.startup.backoff.max=1s"],
             backoff_max=1.0),
    Scenario("timeout-5s", "probes.startup.timeout 5s, database refused throughout", ["--probes.startup.timeout=5s"],
             timeout=True),
]


class Forwarder:
    """Forwards every connection to a loopback port on to the database, as if it had just started."""

    def __init__(self, port, target):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", port))
        self.listener.listen(128)
        # From here on a connect succeeds: the database answers.
        self.listening_at = time.monotonic()
        self.listening_at_wall = time.time()
        blackhole.passing.set()
        threading.Thread(target=blackhole.serve, args=(self.listener, target), daemon=True).start()

    def close(self):
        # Connections end with the application, which is stopped first.
        self.listener.close()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


NO_ANSWER = -1
BROKEN_ANSWER = -2


def status(port, path):
    """One probe on a new connection, as the kubelet makes it; its status, or why there is none."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", path, headers={"Connection": "close"})
        response = connection.getresponse()
        response.read()
        return response.status
    except http.client.HTTPException:
        # Cut off in the middle, as when the server closes during the handover: a failed probe.
        return BROKEN_ANSWER
    except OSError:
        return NO_ANSWER
    finally:
        connection.close()


def parse_duration(text):
    """Seconds in a duration as Probes logs it: 820ms, 4.3s, 1m5s."""
    seconds = 0.0
    for amount, unit in re.findall(r"([\d.]+)(ms|s|m|h)", text):
        seconds += float(amount) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600}[unit]
    return seconds


def cpu_seconds(pid):
    """CPU time a process has used so far, all its threads."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def millis(seconds):
    return round(seconds * 1000)


def log(message):
    print(time.strftime("%H:%M:%S"), message, file=sys.stderr, flush=True)


class Run:
    """One launch of the application, with its log in the work folder."""

    def __init__(self, options, scenario, number, code, jar):
        self.options = options
        self.scenario = scenario
        self.number = number
        self.code = code
        self.jar = jar
        self.database_port = free_port()
        self.port = free_port()
        self.schema = f"probes_bench_{os.getpid()}_{scenario.name.replace('-', '_')}_{code}_{number}"
        self.log_path = os.path.join(options.work, f"{scenario.name}-{code}-{number}.log")
        self.process = None
        self.forwarder = None
        self.log_file = None

    def launch(self):
        url = (f"jdbc:postgresql://127.0.0.1:{self.database_port}/{self.options.database}"
               f"?currentSchema={self.schema}")
        command = [self.options.java, *self.options.java_opts.split(), "-jar", self.jar,
                   f"--server.port={self.port}", f"--spring.datasource.url={url}",
                   f"--spring.datasource.username={self.options.user}", f"--spring.flyway.schemas={self.schema}"]
        if not self.scenario.timeout:
            # Out of the way of the ready scenarios, however slow the machine.
            command.append("--probes.startup.timeout=120s")
        command += self.scenario.arguments
        environment = dict(os.environ)
        if "PGPASSWORD" in environment:
            # In the environment, not on the command line where ps would show it.
            environment["SPRING_DATASOURCE_PASSWORD"] = environment["PGPASSWORD"]
        self.log_file = open(self.log_path, "w")
        self.launched_at = time.monotonic()
        self.launched_at_wall = time.time()
        self.process = subprocess.Popen(command, stdout=self.log_file, stderr=subprocess.STDOUT, env=environment)

    def fail(self, message):
        raise RuntimeError(f"{self.scenario.name} ({self.code}) run {self.number}: {message}; see {self.log_path}")

    def await_status(self, path, expected):
        deadline = time.monotonic() + STAGE_LIMIT_SECONDS
        while status(self.port, path) != expected:
            if self.process.poll() is not None:
                self.fail(f"the application exited with {self.process.returncode} before {path} answered {expected}")
            if time.monotonic() > deadline:
                self.fail(f"{path} did not answer {expected} within {STAGE_LIMIT_SECONDS}s")
            time.sleep(POLL_SECONDS)
        return time.monotonic()

    def measure_ready(self):
        self.launch()
        livez_at = self.await_status("/livez", 200)
        capped_at = self.await_capped_backoff()
        delay = random.uniform(0, self.scenario.backoff_max)
        time.sleep(delay)
        readyz_before = status(self.port, "/readyz")
        if readyz_before != 503:
            self.fail(f"/readyz answered {readyz_before} before the database did")
        target = (self.options.host, self.options.database_port)
        self.forwarder = Forwarder(self.database_port, target)
        t0, t0_wall = self.forwarder.listening_at, self.forwarder.listening_at_wall
        cpu_at_t0 = cpu_seconds(self.process.pid)
        # Polls every 10 ms; the longest stretch without a whole answer is the web server handover.
        last_answer, longest_unanswered, broken = t0, 0.0, 0
        deadline = t0 + STAGE_LIMIT_SECONDS
        while True:
            answer = status(self.port, "/readyz")
            now = time.monotonic()
            if answer == BROKEN_ANSWER:
                broken += 1
            elif answer != NO_ANSWER:
                longest_unanswered = max(longest_unanswered, now - last_answer)
                last_answer = now
            if answer == 200:
                t1 = now
                cpu = cpu_seconds(self.process.pid) - cpu_at_t0
                break
            if self.process.poll() is not None:
                self.fail(f"the application exited with {self.process.returncode} after the database answered")
            if now > deadline:
                self.fail(f"/readyz did not answer 200 within {STAGE_LIMIT_SECONDS}s of the database")
            time.sleep(POLL_SECONDS)
        self.stop()
        row = {"launch_to_livez_ms": millis(livez_at - self.launched_at),
               "launch_to_capped_backoff_ms": millis(capped_at - self.launched_at), "delay_before_t0_ms": millis(delay),
               "readyz_before_t0": readyz_before,
               "t0_to_readyz_ms": millis(t1 - t0), "app_cpu_ms": millis(cpu),
               "longest_unanswered_ms": millis(longest_unanswered), "broken_answers": broken}
        row.update(self.read_log(t0_wall))
        return row

    def await_capped_backoff(self):
        """Wait until the log announces a next attempt as far off as the backoff's cap allows."""
        deadline = time.monotonic() + STAGE_LIMIT_SECONDS
        while True:
            with open(self.log_path) as f:
                announced = [parse_duration(match.group(1)) for match in BACKOFF.finditer(f.read())]
            if any(delay >= 0.8 * self.scenario.backoff_max for delay in announced):
                return time.monotonic()
            if self.process.poll() is not None:
                self.fail(f"the application exited with {self.process.returncode} while it waited")
            if time.monotonic() > deadline:
                self.fail(f"the backoff did not reach {self.scenario.backoff_max}s within {STAGE_LIMIT_SECONDS}s")
            time.sleep(0.1)

    def measure_timeout(self):
        # The application is the only child waited for in between: the difference is its CPU time.
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.launch()
        try:
            exit_code = self.process.wait(STAGE_LIMIT_SECONDS)
        except subprocess.TimeoutExpired:
            self.fail(f"still running {STAGE_LIMIT_SECONDS}s after launch")
        exited_at = time.monotonic()
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        self.log_file.close()
        with open(self.log_path) as f:
            output = f.read()
        if "still down 5s after the JVM's start" not in output:
            self.fail("the application did not give up at the start-up deadline")
        cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        row = {"exit_code": exit_code, "launch_to_exit_ms": millis(exited_at - self.launched_at),
               "app_cpu_ms": millis(cpu)}
        row.update(self.read_log(None))
        return row

    def read_log(self, t0_wall):
        """
        What the log's timestamps say: when the first line and the wait came after the launch,
        and, with T0, when the markers came after it and the last backoff announced before it.
        """
        self.log_file.close()
        found = {}
        with open(self.log_path) as f:
            for line in f:
                took = WAIT_TOOK.search(line)
                if took:
                    found["wait_took"] = took.group(1)
                match = LOG_LINE.match(line)
                if not match:
                    continue
                at = datetime.datetime.fromisoformat(match.group(1)).timestamp()
                since_launch = millis(at - self.launched_at_wall)
                message = match.group(2)
                found.setdefault("launch_to_first_log_ms", since_launch)
                waiting = BACKOFF.search(message)
                if waiting:
                    found.setdefault("launch_to_wait_ms", since_launch)
                    if t0_wall is not None and at < t0_wall:
                        found["backoff_before_t0"] = waiting.group(1)
                if "LoggingFailureAnalysisReporter" in line:
                    found.setdefault("launch_to_gave_up_ms", since_launch)
                if t0_wall is not None:
                    for column, marker in MARKERS.items():
                        if marker in message:
                            found.setdefault(column, millis(at - t0_wall))
        return found

    def stop(self):
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.forwarder is not None:
            self.forwarder.close()
            self.forwarder = None
        if self.log_file is not None and not self.log_file.closed:
            self.log_file.close()

    def drop_schema(self):
        subprocess.run(["psql", "-h", self.options.host, "-p", str(self.options.database_port), "-U", self.options.user,
                        "-d", self.options.database, "-q", "-X", "-c",
                        f"SET client_min_messages = warning; DROP SCHEMA IF EXISTS {self.schema} CASCADE"],
                       check=True)


def median_of(rows, column):
    values = [row[column] for row in rows if row.get(column) not in (None, "")]
    return f"{statistics.median(values):.0f}" if values else "-"


def table(title, columns, rows_by_scenario):
    """A table of medians, one line per scenario; columns are (heading, column) pairs."""
    lines = [title, f"{'scenario':<27} " + " ".join(f"{heading:>13}" for heading, _ in columns)]
    for name, mine in rows_by_scenario:
        lines.append(f"{name:<27} " + " ".join(f"{median_of(mine, column):>13}" for _, column in columns))
    return lines


def figure(scenario):
    """The column that a scenario is measured by."""
    return "launch_to_exit_ms" if scenario.timeout else "t0_to_readyz_ms"


def summarize(rows, header, codes):
    lines = list(header)
    lines.append("")
    lines.append(f"{'scenario':<27} {'runs':>4} {'median':>8} {'max':>8}  {'target':<22} met  measured")
    ready, timeout, ratios = [], [], []
    for scenario in SCENARIOS:
        medians = {}
        for code in codes:
            mine = [row for row in rows if row["scenario"] == scenario.name and row["code"] == code]
            if not mine:
                continue
            name = scenario.name if len(codes) == 1 else f"{scenario.name} ({code})"
            values = [row[figure(scenario)] for row in mine]
            medians[code] = statistics.median(values)
            if scenario.timeout:
                timeout.append((name, mine))
                met = all(row["exit_code"] != 0 for row in mine) and max(values) <= EXIT_TARGET_MS
                target = f"exit != 0, <= {EXIT_TARGET_MS} ms"
                what = "launch to exit, exit codes " + ",".join(str(row["exit_code"]) for row in mine)
            else:
                ready.append((name, mine))
                met = max(values) <= READY_TARGET_MS
                target = f"<= {READY_TARGET_MS} ms"
                what = "database answering to /readyz 200"
            lines.append(f"{name:<27} {len(values):>4} {medians[code]:>6.0f}ms {max(values):>6}ms"
                         f"  {target:<22} {'yes' if met else 'NO ':<4} {what}")
        if len(medians) == 2 and medians[codes[1]] > 0:
            ratios.append(f"{scenario.name} {medians[codes[0]] / medians[codes[1]]:.2f}")
    if ratios:
        lines.append(f"Median of {codes[0]} over median of {codes[1]}, same runs: " + ", ".join(ratios))
    lines.append("")
    lines.append("Scenarios: " + "; ".join(f"{s.name} = {s.description}" for s in SCENARIOS) + ".")
    if ready:
        lines.append("")
        lines += table("Where the time after the database answered (T0) went, medians in ms after T0, from log"
                       " timestamps; app CPU = the application's CPU time from T0 to /readyz 200; unanswered ="
                       " the longest stretch in which /readyz gave no whole answer (the web server handover):",
                       [("gate open", "gate_open_ms"), ("flyway done", "flyway_applied_ms"),
                        ("jdbc query", "jdbc_query_ms"), ("tomcat up", "tomcat_started_ms"),
                        ("started", "started_ms"), ("runner", "runner_ms"), ("/readyz 200", "t0_to_readyz_ms"),
                        ("app CPU", "app_cpu_ms"), ("unanswered", "longest_unanswered_ms")], ready)
        lines.append("Answers cut off during the handover, in all: " + ", ".join(
            f"{name} {sum(row['broken_answers'] for row in mine)}" for name, mine in ready))
        backoffs = sorted({row["backoff_before_t0"] for _, mine in ready for row in mine
                           if row.get("backoff_before_t0")})
        lines.append(f"Backoffs announced by the last attempt before T0: {', '.join(backoffs) or 'none logged'}")
    lines.append("")
    lines += table("Before the wait, medians in ms after the launch (for the exit scenario: when it gave up and"
                   " exited, and its CPU time in all):",
                   [("first log", "launch_to_first_log_ms"), ("/livez 200", "launch_to_livez_ms"),
                    ("1st attempt", "launch_to_wait_ms"), ("gave up", "launch_to_gave_up_ms"),
                    ("exit", "launch_to_exit_ms"), ("app CPU", "app_cpu_ms")], timeout)
    if ready:
        lines += table("", [("first log", "launch_to_first_log_ms"), ("/livez 200", "launch_to_livez_ms"),
                            ("1st attempt", "launch_to_wait_ms")], ready)[2:]
    lines.append("")
    lines.append("The exit scenario's time runs from just before the launch (Popen), an upper bound of the time"
                 " from the JVM's start.")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", required=True)
    parser.add_argument("--baseline-jar", help="the same application built from other code, launched after each"
                        " launch of --jar")
    parser.add_argument("--baseline-name", default="baseline", help="what the summary calls the baseline")
    parser.add_argument("--java", default="java")
    parser.add_argument("--java-opts", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--host", default="127.0.0.1", help="the real PostgreSQL (loopback)")
    parser.add_argument("--database-port", type=int, default=5432)
    parser.add_argument("--database", default="test")
    parser.add_argument("--user", default="postgres")
    parser.add_argument("--scenarios", default=",".join(s.name for s in SCENARIOS))
    parser.add_argument("--results", required=True, help="raw figures, one row per run (csv)")
    parser.add_argument("--summary", required=True)
    parser.add_argument("--work", required=True, help="folder for the applications' logs")
    parser.add_argument("--header", action="append", default=[], help="a line for the top of the summary")
    options = parser.parse_args()
    chosen = options.scenarios.split(",")
    unknown = set(chosen) - {s.name for s in SCENARIOS}
    if unknown:
        parser.error(f"unknown scenarios {sorted(unknown)}")
    SCENARIOS[:] = [s for s in SCENARIOS if s.name in chosen]

    builds = [("current", options.jar)]
    if options.baseline_jar:
        builds.append((options.baseline_name, options.baseline_jar))
    rows = []
    with open(options.results, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for number in range(1, options.runs + 1):
            for scenario in SCENARIOS:
                for code, jar in builds:
                    run = Run(options, scenario, number, code, jar)
                    try:
                        row = run.measure_timeout() if scenario.timeout else run.measure_ready()
                    finally:
                        run.stop()
                        if not scenario.timeout:
                            run.drop_schema()
                    row.update(scenario=scenario.name, code=code, run=number)
                    rows.append(row)
                    writer.writerow(row)
                    f.flush()
                    shown = (f"exit {row['exit_code']} after {row['launch_to_exit_ms']} ms" if scenario.timeout
                             else f"/readyz 200 {row['t0_to_readyz_ms']} ms after the database answered"
                                  f" (backoff was {row.get('backoff_before_t0') or '?'})")
                    log(f"{scenario.name} ({code}) run {number}: {shown}")
    summary = summarize(rows, options.header, [code for code, _ in builds])
    with open(options.summary, "w") as f:
        f.write(summary)
    sys.stdout.write(summary)


if __name__ == "__main__":
    main()

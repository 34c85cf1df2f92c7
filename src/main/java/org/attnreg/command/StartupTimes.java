package org.attnreg.command;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long each start-up stage of one command took (JVM start to the command line, logging set-up,
 * option parsing, the checks, the Spark session, the first job), with the CPU time the process spent
 * meanwhile (on a loaded machine the wall time alone misleads), logged at debug level
 * ({@code --verbose}). A stage that ends before the log level is raised (the options are parsed
 * first) is logged with the next.
 */
public final class StartupTimes {
  private final long sinceJvmStartNanos;
  private final long origin;
  private long last;
  private long lastCpu;
  private final List<String> pending = new ArrayList<>();
  private final Logger log;

  private StartupTimes(long sinceJvmStartNanos, long now) {
    this.sinceJvmStartNanos = sinceJvmStartNanos;
    this.origin = now;
    this.last = now;
    this.lastCpu = cpuNanos();
    if (sinceJvmStartNanos > 0) {
      pending.add(line("JVM start → command line", sinceJvmStartNanos, lastCpu, now));
    }
    this.log = LoggerFactory.getLogger(StartupTimes.class); // the first logger: the logging set-up is the next stage
    mark("logging set up");
  }

  /**
   * Stages counted from now, the first being the time since the JVM started, as the JVM itself
   * recorded it to the millisecond (the OS's process start time is given in whole seconds of boot
   * time on Linux, which made this stage look up to a second longer).
   */
  public static StartupTimes startingNow() {
    long sinceStart = Duration.between(Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()),
        Instant.now()).toNanos();
    return new StartupTimes(Math.max(sinceStart, 0L), System.nanoTime());
  }

  /** Ends the stage that began at the previous mark (or at the start) and logs it. */
  public synchronized void mark(String stage) {
    long now = System.nanoTime();
    long cpu = cpuNanos();
    pending.add(line(stage, now - last, cpu - lastCpu, now));
    last = now;
    lastCpu = cpu;
    if (log != null && log.isDebugEnabled()) {
      pending.forEach(log::debug);
      pending.clear();
    }
  }

  private String line(String stage, long nanos, long cpu, long now) {
    return String.format(Locale.ROOT, "start-up: %-32s %6.3f s, CPU %6.3f s (%.3f s since the JVM started)", stage,
        nanos * 1e-9, cpu * 1e-9, (sinceJvmStartNanos + now - origin) * 1e-9);
  }

  /** CPU time of the whole process (every thread), or 0 where the OS does not say. */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}

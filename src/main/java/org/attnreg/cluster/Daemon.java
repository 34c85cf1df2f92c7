package org.attnreg.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One JVM this cluster started, recorded in a PID file as {@code pid start-instant}. The record is
 * trusted only while the PID still names the same process: same start instant, and among its
 * arguments ({@code /proc/<pid>/cmdline}) exactly this cluster's marker
 * ({@code -Dattnreg.cluster.dir=<work dir>}). A PID the kernel has reused for another process is
 * never signalled.
 *
 * <p>The log is appended to by every start in the same work directory; readiness is judged only
 * from what was written after an offset taken just before this start launched the daemon.
 *
 * @param role {@code master} or {@code worker-N}
 * @param pidFile where the record lives
 * @param log the daemon's log (stdout and stderr)
 */
public record Daemon(String role, Path pidFile, Path log) {
  /** Enough for any start's lines; a daemon that logs more before it is ready is read in part. */
  private static final int MAX_LOG_READ = 1 << 24;

  /** Records a freshly started process. */
  void record(ProcessHandle process) {
    String start = process.info().startInstant().map(Instant::toString).orElse("-");
    PrivateFiles.directory(pidFile.getParent());
    PrivateFiles.write(pidFile, process.pid() + " " + start + "\n");
  }

  /** The recorded PID, or -1 when there is no PID file. */
  long pid() {
    String[] fields = fields();
    return fields == null ? -1 : Long.parseLong(fields[0]);
  }

  private String[] fields() {
    try {
      return Files.exists(pidFile) ? Files.readString(pidFile).trim().split("\\s+") : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + pidFile + ": " + e.getMessage(), e);
    }
  }

  /** The live process the PID file names, if it is still the one this cluster started. */
  Optional<ProcessHandle> process(String marker) {
    String[] fields = fields();
    if (fields == null) {
      return Optional.empty();
    }
    return ProcessHandle.of(Long.parseLong(fields[0])).filter(ProcessHandle::isAlive).filter(p -> {
      String start = p.info().startInstant().map(Instant::toString).orElse("-");
      return (fields.length < 2 || fields[1].equals(start)) && CommandLines.of(p.pid()).contains(marker.trim());
    });
  }

  /**
   * Ends the recorded process if it is still ours: SIGTERM, then SIGKILL after {@code grace}.
   *
   * @return what was done, for the user
   */
  String stop(String marker, Duration grace) {
    long pid = pid();
    if (pid < 0) {
      return role + ": not started";
    }
    Optional<ProcessHandle> p = process(marker);
    String outcome;
    if (p.isEmpty()) {
      outcome = role + ": pid " + pid + " is no longer running (or is not the process started here); nothing to stop";
    } else {
      outcome = terminate(p.get(), grace) ? role + ": stopped (pid " + pid + ")"
          : role + ": did not exit within " + grace.toSeconds() + " s of SIGTERM; killed (pid " + pid + ")";
    }
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return outcome;
  }

  /** SIGTERM and wait; SIGKILL if it does not exit in time. True if it exited on SIGTERM. */
  static boolean terminate(ProcessHandle p, Duration grace) {
    p.destroy();
    try {
      p.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      p.destroyForcibly();
      p.onExit().join();
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return false;
    } catch (ExecutionException e) {
      return true;
    }
  }

  /** The log's current length: what a new start's readiness check reads from. */
  long logSize() {
    try {
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      return 0;
    }
  }

  /** What the log gained since {@code offset} (empty if nothing, or if it was truncated). */
  String logSince(long offset) {
    try (SeekableByteChannel in = Files.newByteChannel(log)) {
      long size = in.size();
      if (size <= offset) {
        return "";
      }
      ByteBuffer buf = ByteBuffer.allocate((int) Math.min(size - offset, MAX_LOG_READ));
      in.position(offset);
      while (buf.hasRemaining() && in.read(buf) > 0) {
        // read until full or end of file
      }
      return new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last {@code lines} lines written since {@code offset}, for error messages. */
  String tailSince(long offset, int lines) {
    String text = logSince(offset);
    if (text.isEmpty()) {
      return "(nothing logged)";
    }
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}

package org.attnreg.hdfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;
import org.attnreg.testkit.MiniHdfs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The replacement contract of {@code checkpoint.json} on a real HDFS, through {@link AtomicFiles}:
 * after every successful replace the directory holds exactly one checkpoint, the new one, and no
 * temporary file; a reader in another client sees the old or the new content, never no file and
 * never a mixture, while the file is replaced again and again; a write that fails part way leaves
 * the old checkpoint as it was.
 */
class CheckpointReplacementOnHdfsTest {
  /** Large enough to span many HDFS packets (64 KiB each), so a torn read would show. */
  private static final int BODY_BYTES = 300_000;
  private static final int REPLACEMENTS = 40;

  static MiniHdfs hdfs;
  static FileSystem reader;

  @BeforeAll
  static void startHdfs() {
    hdfs = MiniHdfs.start("CheckpointReplacementOnHdfsTest");
    reader = hdfs.newClient();
  }

  @AfterAll
  static void stopHdfs() throws IOException {
    if (reader != null) {
      reader.close();
    }
    if (hdfs != null) {
      hdfs.close();
    }
  }

  /** Version k: a header naming k, a body of k's own bytes, a trailer naming k; any mix is detectable. */
  static String version(int k) {
    String header = "{\"iteration\": " + k + ", \"body\": \"";
    char fill = (char) ('a' + k % 26);
    return header + String.valueOf(fill).repeat(BODY_BYTES) + "\", \"end\": " + k + "}\n";
  }

  /** The version a complete text is, or an assertion failure naming what is wrong with it. */
  static int versionOf(String text) {
    int k = Integer.parseInt(text.substring(text.indexOf(": ") + 2, text.indexOf(',')));
    assertEquals(version(k), text, "a read gave a mixed or torn checkpoint (header says iteration " + k + ")");
    return k;
  }

  @Test
  void everySuccessfulReplaceLeavesExactlyOneCompleteCheckpoint() throws IOException {
    String dir = hdfs.uri("/out/sequential");
    AtomicFiles files = AtomicFiles.in(dir, new Configuration());
    for (int k = 0; k < 8; k++) {
      files.writeText(Checkpoint.FILE, version(k));
      assertEquals(k, versionOf(files.readText(Checkpoint.FILE)));
      assertEquals(List.of(Checkpoint.FILE), names(dir), "after replace " + k);
    }
  }

  /**
   * A second client reads the checkpoint as fast as it can while the first replaces it: every read
   * is one complete version, the versions never go backwards, and the file never seems missing.
   */
  @Test
  void aConcurrentReaderSeesTheOldOrTheNewCheckpointNeverNoneNeverAMixture() throws Exception {
    String dir = hdfs.uri("/out/concurrent");
    AtomicFiles files = AtomicFiles.in(dir, new Configuration());
    files.writeText(Checkpoint.FILE, version(0));
    Path checkpoint = new Path(dir, Checkpoint.FILE);
    AtomicBoolean writing = new AtomicBoolean(true);
    CompletableFuture<List<Integer>> reads = CompletableFuture.supplyAsync(() -> {
      List<Integer> seen = new ArrayList<>();
      try {
        while (writing.get()) {
          seen.add(versionOf(readOnce(checkpoint)));
        }
        seen.add(versionOf(readOnce(checkpoint)));
      } catch (FileNotFoundException e) {
        throw new AssertionError("the reader found no checkpoint after " + seen.size() + " reads: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return seen;
    });
    try {
      for (int k = 1; k <= REPLACEMENTS; k++) {
        files.writeText(Checkpoint.FILE, version(k));
        assertEquals(List.of(Checkpoint.FILE), names(dir), "after replace " + k);
      }
    } finally {
      writing.set(false);
    }
    List<Integer> seen = reads.get(2, TimeUnit.MINUTES);
    System.out.printf("concurrent reader: %d complete reads, versions %d..%d%n", seen.size(), seen.get(0),
        seen.get(seen.size() - 1));
    assertEquals(REPLACEMENTS, seen.get(seen.size() - 1), "the last read is the last version");
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(seen.get(i) >= seen.get(i - 1), "versions went backwards: " + seen);
    }
    assertTrue(seen.size() > 1, "the reader read while the writer replaced");
  }

  @Test
  void aWriteThatFailsPartWayLeavesTheOldCheckpoint() throws IOException {
    String dir = hdfs.uri("/out/failed");
    AtomicFiles files = AtomicFiles.in(dir, new Configuration());
    files.writeText(Checkpoint.FILE, version(1));
    UncheckedIOException failed = assertThrows(UncheckedIOException.class,
        () -> files.write(Checkpoint.FILE, out -> {
          out.write(version(2).substring(0, BODY_BYTES / 2).getBytes(StandardCharsets.UTF_8));
          throw new IOException("disk gone");
        }));
    assertTrue(failed.getMessage().contains("disk gone"), failed.getMessage());
    assertEquals(1, versionOf(files.readText(Checkpoint.FILE)), "the old checkpoint, whole");
    assertEquals(List.of(Checkpoint.FILE), names(dir), "no temporary file left");
  }

  /** One open-and-read, the way another process would: no exists() first, so a missing file shows. */
  static String readOnce(Path path) throws IOException {
    try (InputStream in = reader.open(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static List<String> names(String dir) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus f : reader.listStatus(new Path(dir))) {
      names.add(f.getPath().getName());
    }
    return names;
  }
}

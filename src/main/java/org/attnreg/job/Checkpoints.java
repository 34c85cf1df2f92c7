package org.attnreg.job;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attnreg.io.LoadedData;
import org.attnreg.output.AtomicFiles;
import org.attnreg.output.Checkpoint;

/**
 * Where a solve keeps its checkpoint (a checkpoint after every accepted Newton step) and what makes
 * a checkpoint its own: the identity of the run.
 *
 * <p>A resume reads {@code checkpoint.json} from the directory and refuses (an
 * {@link IllegalArgumentException} naming every difference) unless the options, the read options
 * and the input (fingerprint, n, d) are those it was written with; only {@code max_iter} may change,
 * so that a solve stopped by the iteration limit can be continued. A different partitioning or
 * block size is allowed but reported: sums may then differ in the last bits.
 *
 * @param dir the results directory that holds {@code checkpoint.json}
 * @param read the read options that shape the instance (header, label column, …), for the identity
 * @param layout partitions and block rows, for the identity (may differ on resume, reported)
 */
public record Checkpoints(AtomicFiles dir, Map<String, Object> read, Map<String, Object> layout) {
  /** Identity leaves a resume may change: the iteration limit, and the layout (reported only). */
  static final List<String> MAY_DIFFER = List.of("options.max_iter", "layout.");

  /** The identity of a run of these options on this data. */
  Map<String, Object> identity(LoadedData data, SolveOptions options) {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("fingerprint", data.fingerprint());
    input.put("n", data.n());
    input.put("d", data.d());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("options", options.asMap());
    m.put("read", read);
    m.put("input", input);
    m.put("layout", layout);
    return m;
  }

  /**
   * The checkpoint of this run, read with the bounds the current run allows.
   *
   * @param notes receives a layout change since the checkpoint
   * @throws IllegalArgumentException when there is none, it was written for a different run, or it is
   *     damaged or not one this version reads (naming the file and field)
   */
  Checkpoint readMatching(LoadedData data, SolveOptions options, List<String> notes) {
    Map<String, Object> identity = identity(data, options);
    Checkpoint.Expected expected = new Checkpoint.Expected(data.d(), options.maxIterations(),
        options.curvatureCandidates(), saved -> {
          List<String> differences = Checkpoint.differences(saved, identity, MAY_DIFFER);
          if (!differences.isEmpty()) {
            throw new IllegalArgumentException("written for a different run; " + String.join("; ", differences));
          }
        }, options.lossFamily());
    Checkpoint saved;
    try (InputStream in = dir.open(Checkpoint.FILE)) {
      if (in == null) {
        throw new IllegalArgumentException("--resume: there is no " + Checkpoint.FILE + " in " + dir.uri()
            + " (run without --resume to start afresh)");
      }
      saved = Checkpoint.read("--resume: " + dir.uri() + "/" + Checkpoint.FILE, in, expected);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.uri() + "/" + Checkpoint.FILE + ": " + e.getMessage(), e);
    }
    for (String change : Checkpoint.differences(saved.identity(), identity, List.of("options.", "read.", "input."))) {
      notes.add("the data layout changed since the checkpoint (" + change + "): the result may differ from an"
          + " uninterrupted run in the last bits");
    }
    return saved;
  }

  /** A fresh solve moves an earlier checkpoint aside: a forgotten --resume must not cost the old state. */
  void moveAsideEarlier(List<String> notes) {
    String aside = dir.moveAside(Checkpoint.FILE);
    if (aside != null) {
      notes.add("a fresh solve: the earlier " + Checkpoint.FILE + " was moved aside to " + aside
          + " (rename it back and use --resume to continue that run)");
    }
  }
}

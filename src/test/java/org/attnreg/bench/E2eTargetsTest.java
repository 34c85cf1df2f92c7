package org.attnreg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The e2e section's figures become target rows, met or missed by the bounds, and skips say why. */
class E2eTargetsTest {
  private static final String S = E2eBench.SECTION;

  @Test
  void everyE2eTargetIsCheckedAgainstItsBound() {
    Results r = new Results();
    String softmax = E2eBench.attnreg("softmax");
    String big = "n=1000000 d=32, x0 = 0";
    r.add(S, softmax, big, E2eBench.SOLVE, 1.0);
    r.add(S, softmax, big, E2eBench.PER_ITERATION, 0.25);
    r.add(S, softmax, big, E2eBench.QUADRATIC, 1.0);
    r.add(S, softmax, big, "quadratic-phase iterations", 2);
    r.add(S, softmax, big, E2eBench.FLOOR, 0.1);
    r.add(S, softmax, big, E2eBench.OVER_FLOOR, 2.5);
    r.add(S, E2eBench.scipy("softmax"), big, E2eBench.SOLVE, 4.0);
    r.add(S, softmax, big, E2eBench.OVER_SCIPY, 4.0);
    String exp = E2eBench.attnreg("exp");
    String small = "n=54000 d=21, median of 5 cold runs";
    r.add(S, exp, small, E2eBench.MEDIAN_SOLVE, 0.25);
    r.add(S, exp, small, E2eBench.MEDIAN_WHOLE, 6.5);
    String glr = "n=300000 d=16, own starts";
    r.add(S, E2eBench.GLR, glr, E2eBench.SOLVE, 3.0);
    r.add(S, exp, glr, E2eBench.SOLVE, 1.0);
    r.add(S, exp, glr, E2eBench.OVER_GLR, 3.0);
    r.add(S, E2eBench.scipy("exp") + " — " + E2eBench.SKIPPED + ": check_math.py not found", big, E2eBench.SKIPPED,
        Double.NaN);

    List<String[]> rows = Targets.check(r);
    assertEquals(6, rows.size());
    assertRow(rows.get(0), "passes per iteration in the quadratic phase ≤ 1.2", "1.00 over 2 iterations", "yes");
    assertRow(rows.get(1), "seconds per iteration ≤ 2× the floor",
        "0.250 s per iteration, 2.5× the floor of 0.100 s", "**no**");
    assertRow(rows.get(2), "solve time ≥ 3× faster than scipy trust-exact", "1.00 s against 4.00 s: 4.00×", "yes");
    assertRow(rows.get(3), "solve ≤ 0.3 s and whole command ≤ 6 s", "0.25 s / 6.5 s", "**no**");
    assertRow(rows.get(4), "solve time ≥ 3× faster than Spark GLR", "1.00 s against GLR's 3.00 s: 3.00×", "yes");
    assertEquals("e2e: scipy trust-exact (exp) (" + big + ")", rows.get(5)[0]);
    assertEquals("skipped: check_math.py not found", rows.get(5)[1]);
    assertEquals("skipped", rows.get(5)[2]);
  }

  private static void assertRow(String[] row, String target, String measured, String met) {
    assertEquals(true, row[0].startsWith(target), row[0]);
    assertEquals(measured, row[1]);
    assertEquals(met, row[2]);
  }
}

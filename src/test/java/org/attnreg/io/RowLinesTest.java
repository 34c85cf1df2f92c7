package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowLinesTest {

  @Test
  void libsvmWritesOneBasedNonZerosAndMarksTheWidth() {
    assertEquals("1.5 1:2.0 3:-0.25", RowLines.libsvm(LabeledRow.dense(0, 1.5, new double[] {2, 0, -0.25}), 3, true));
    assertEquals("1.0 2:3.0 4:0.0", RowLines.libsvm(LabeledRow.dense(0, 1, new double[] {0, 3, 0, 0}), 4, true));
    assertEquals("1.0 2:3.0", RowLines.libsvm(LabeledRow.dense(0, 1, new double[] {0, 3, 0, 0}), 4, false));
    assertEquals("-2.0 5:1.0E-300", RowLines.libsvm(new LabeledRow(0, -2, new int[] {4}, new double[] {1e-300}), 0, false));
  }

  @Test
  void csvWritesEveryColumn() {
    assertEquals("1.5,2.0,0.0,-0.25", RowLines.csv(LabeledRow.dense(0, 1.5, new double[] {2, 0, -0.25}), 3));
    assertEquals("7.0,0.0,9.0,0.0", RowLines.csv(new LabeledRow(0, 7, new int[] {1}, new double[] {9}), 3));
  }

  @Test
  void linesParseBackToTheSameDoubles() {
    SplittableRandom rnd = new SplittableRandom(7);
    ParsedRow row = new ParsedRow();
    for (int t = 0; t < 200; t++) {
      double[] a = new double[5];
      for (int j = 0; j < a.length; j++) {
        a[j] = rnd.nextInt(3) == 0 ? 0.0 : Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(-1070, 1000));
      }
      LabeledRow r = LabeledRow.dense(t, rnd.nextDouble() * 1e6 - 5e5, a);
      new CsvParser(0, -1, 6).parse(RowLines.csv(r, 5), row);
      assertEquals(r.b(), row.label());
      assertArrayEquals(a, row.dense());
      new LibSvmParser(5).parse(RowLines.libsvm(r, 5, true), row);
      double[] back = new double[5];
      for (int k = 0; k < row.count(); k++) {
        back[row.indices()[k]] = row.values()[k];
      }
      assertEquals(r.b(), row.label());
      assertArrayEquals(a, back, Arrays.toString(a));
      assertEquals(5, row.span());
    }
  }
}

package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both text formats read back exactly the lines they write. */
class TextFormatTest {

  @Test
  void linesParseBackToTheSameDoubles() {
    SplittableRandom rnd = new SplittableRandom(7);
    RowParser.Buffer row = new RowParser.Buffer();
    for (int t = 0; t < 200; t++) {
      double[] a = new double[5];
      for (int j = 0; j < a.length; j++) {
        a[j] = rnd.nextInt(3) == 0 ? 0.0 : Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(-1070, 1000));
      }
      LabeledRow r = LabeledRow.dense(t, rnd.nextDouble() * 1e6 - 5e5, a);
      new CsvFormat(0, -1, 6).parse(CsvFormat.line(r, 5), row);
      assertEquals(r.b(), row.label());
      assertArrayEquals(a, row.dense());
      new LibSvmFormat(5).parse(LibSvmFormat.line(r, 5, true), row);
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

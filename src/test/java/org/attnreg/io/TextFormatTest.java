package org.attnreg.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Both text formats read back exactly the lines they write, and their numbers are those of
 * {@link Double#parseDouble}, bit for bit, with the same refusals.
 */
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

  @Test
  void numbersAreThoseOfTheJdkParserBitForBit() {
    SplittableRandom rnd = new SplittableRandom(11);
    java.util.List<String> tokens = new java.util.ArrayList<>(java.util.List.of("0", "-0", "+0.0", "1", "-1.5",
        ".5", "5.", "1e308", "1.7976931348623157e308", "1.7976931348623159e308", "4.9e-324", "2.4703282292062328e-324",
        "2.4703282292062327e-324", "1e-400", "0x1.8p1", "0X1P-3", "00012.5000", "1E+2", "9007199254740993",
        "0.30000000000000004", "123456789012345678901234567890e-10", "2.2250738585072011e-308"));
    for (int t = 0; t < 20_000; t++) {
      double v = Math.scalb(rnd.nextDouble() - 0.5, rnd.nextInt(-1074, 1024));
      tokens.add(Double.toString(v));
      tokens.add(String.format(java.util.Locale.ROOT, "%.17g", v)); // the 17 digits of other writers
      tokens.add(String.format(java.util.Locale.ROOT, "%.25e", v)); // more digits than a double holds
    }
    for (String token : tokens) {
      double jdk = Double.parseDouble(token);
      if (Double.isFinite(jdk)) {
        assertEquals(Double.doubleToRawLongBits(jdk), Double.doubleToRawLongBits(TextFormat.finite(token, 1, "value")),
            token);
      }
    }
    for (String refused : new String[] {"", "-", ".", "e5", "1e", "1.2.3", "1,5", "abc", "0x", "1d", "2.5F", "NaN",
        "Infinity", "-Infinity", "1e309", "- 1"}) {
      assertThrows(DataFormatException.class, () -> TextFormat.finite(refused, 1, "value"), refused);
    }
  }
}

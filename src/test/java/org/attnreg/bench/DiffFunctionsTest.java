package org.attnreg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import breeze.optimize.DiffFunction;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/** The generated Breeze adapter: every method it writes calls through to the lambda. */
class DiffFunctionsTest {
  @Test
  void calculateApplyAndReprCallTheLambda() {
    // f(x) = (x - 3)², f'(x) = 2(x - 3), on boxed doubles
    DiffFunction<Double> f = DiffFunctions.of(x -> new Tuple2<>((x - 3) * (x - 3), 2 * (x - 3)));
    Tuple2<Object, Double> at5 = f.calculate(5.0);
    assertEquals(4.0, (Double) at5._1(), 0.0);
    assertEquals(4.0, at5._2(), 0.0);
    assertEquals(1.0, f.valueAt(2.0), 0.0);
    assertEquals(-2.0, f.gradientAt(2.0), 0.0);
    assertEquals(9.0, (Double) ((scala.Function1<Double, Object>) f).apply(0.0), 0.0);
    assertSame(f, f.repr());
  }
}

package org.attnreg.analysis.icl;

import org.attnreg.linalg.Blas;
import org.attnreg.linalg.Vectors;
import org.netlib.util.intW;

/** The few dense-matrix helpers the driver-side analyses need, on plain {@code double[][]} rows. */
final class Dense {
  private Dense() {}

  /** ‖a − b‖₂. */
  static double distance(double[] a, double[] b) {
    double s = 0.0;
    for (int j = 0; j < a.length; j++) {
      double t = a[j] - b[j];
      s += t * t;
    }
    return Math.sqrt(s);
  }

  /** A·x for row-major A. */
  static double[] times(double[][] a, double[] x) {
    double[] z = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      z[i] = Vectors.dot(a[i], x);
    }
    return z;
  }

  /** A·B for A (n×k) and B (k×m). */
  static double[][] times(double[][] a, double[][] b) {
    int m = b[0].length;
    double[][] c = new double[a.length][m];
    for (int i = 0; i < a.length; i++) {
      for (int k = 0; k < b.length; k++) {
        double aik = a[i][k];
        double[] bk = b[k];
        double[] ci = c[i];
        for (int j = 0; j < m; j++) {
          ci[j] += aik * bk[j];
        }
      }
    }
    return c;
  }

  static double[][] minus(double[][] a, double[][] b) {
    double[][] c = new double[a.length][];
    for (int i = 0; i < a.length; i++) {
      c[i] = new double[a[i].length];
      for (int j = 0; j < c[i].length; j++) {
        c[i][j] = a[i][j] - b[i][j];
      }
    }
    return c;
  }

  static double frobenius(double[][] a) {
    double s = 0.0;
    for (double[] row : a) {
      s += Vectors.dot(row, row);
    }
    return Math.sqrt(s);
  }

  /** ‖A‖₂ = √λ_max(AᵀA), from a LAPACK eigen-solve of the d×d Gram (accurate to rounding, not a lower bound). */
  static double spectralNorm(double[][] a) {
    int d = a[0].length;
    double[] gram = new double[d * d];
    for (double[] row : a) {
      for (int j = 0; j < d; j++) {
        double rj = row[j];
        for (int k = 0; k <= j; k++) {
          gram[j * d + k] += rj * row[k];
        }
      }
    }
    return Math.sqrt(Math.max(0.0, symmetricSpectralNorm(gram, d)));
  }

  /** max |λ| of a symmetric d×d matrix (row-major; only its lower triangle in row-major order is read). */
  static double symmetricSpectralNorm(double[] s, int d) {
    double[] a = s.clone();
    double[] w = new double[d];
    double[] query = new double[1];
    intW info = new intW(0);
    // Row-major lower = column-major upper, hence "U".
    Blas.lapack().dsyev("N", "U", d, a, d, w, query, -1, info);
    double[] work = new double[Math.max(1, (int) query[0])];
    Blas.lapack().dsyev("N", "U", d, a, d, w, work, work.length, info);
    if (info.val != 0) {
      throw new ArithmeticException("LAPACK dsyev failed (info = " + info.val + ") on a " + d + "×" + d + " matrix");
    }
    return Math.max(Math.abs(w[0]), Math.abs(w[d - 1]));
  }
}

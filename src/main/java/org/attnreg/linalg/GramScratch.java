package org.attnreg.linalg;

/**
 * Scratch buffers for Gram updates of dense blocks, owned by one task and reused for every block
 * it sees, so that the hot path allocates nothing per block or per row.
 */
public final class GramScratch {
  private double[] featureMajor = new double[0];
  private double[] weightedFeatureMajor = new double[0];

  double[] featureMajor(int size) {
    if (featureMajor.length < size) {
      featureMajor = new double[size];
    }
    return featureMajor;
  }

  double[] weightedFeatureMajor(int size) {
    if (weightedFeatureMajor.length < size) {
      weightedFeatureMajor = new double[size];
    }
    return weightedFeatureMajor;
  }
}

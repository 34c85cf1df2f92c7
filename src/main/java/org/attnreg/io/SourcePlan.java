package org.attnreg.io;

import org.apache.spark.api.java.JavaRDD;
import org.attnreg.linalg.RowBlock;

/**
 * The blocks a source will produce (not yet cached) and the dimension d when the source knows it
 * before reading everything (0 when the validation job has to find it).
 */
record SourcePlan(JavaRDD<RowBlock> blocks, int d) {}

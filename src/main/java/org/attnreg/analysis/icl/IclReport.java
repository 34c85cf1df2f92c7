package org.attnreg.analysis.icl;

import java.util.Map;

/**
 * Everything one {@code icl} run produced, as written to {@code icl.json}.
 *
 * @param config the effective options
 * @param shifts the weight and data shifts on the instance
 * @param experiment the attention-versus-GD experiment, or {@code null} if it was not run
 */
public record IclReport(Map<String, Object> config, ShiftAnalysis.Report shifts, IclExperiment.Result experiment) {}

/**
 * Path specs and compliance: pure values and functions, no ZooKeeper, no clock, no threads.
 *
 * <p>Public API: {@link io.zkmon.core.spec.PathSpec} and its builder, the sealed {@link io.zkmon.core.spec.Rule}s
 * ({@link io.zkmon.core.spec.ChildrenRule}, {@link io.zkmon.core.spec.ExistsRule},
 * {@link io.zkmon.core.spec.DataRegexRule}, {@link io.zkmon.core.spec.DataJsonRule},
 * {@link io.zkmon.core.spec.DataMaxAgeRule}), {@link io.zkmon.core.spec.ComplianceEvaluator} over a
 * {@link io.zkmon.core.spec.NodeSnapshot}, its answer {@link io.zkmon.core.spec.Compliance} with
 * {@link io.zkmon.core.spec.State}, a {@link io.zkmon.core.spec.Transition} between two answers, and helpers for
 * the config's words: {@link io.zkmon.core.spec.PathPattern} (globs), {@link io.zkmon.core.spec.JsonMatcher},
 * {@link io.zkmon.core.spec.Durations}.
 */
package io.zkmon.core.spec;

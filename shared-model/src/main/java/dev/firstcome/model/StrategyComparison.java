package dev.firstcome.model;

import java.util.List;

/** The same rush run once per strategy, each on its own fresh lab event with the same quantity. */
public record StrategyComparison(int users, int quantity, int concurrency, List<StrategyResult> rows) {}

package io.dedicate.compiler.model;

import java.math.BigDecimal;

/**
 * One OSB plan cost: {@code cost 120.00 usd per month} is amount 120.00, currency {@code usd},
 * unit {@code MONTHLY}.
 */
public record Cost(BigDecimal amount, String currency, String unit) {}

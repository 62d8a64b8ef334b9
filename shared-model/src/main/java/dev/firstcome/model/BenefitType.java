package dev.firstcome.model;

/** How a coupon's discount is computed: a fixed amount off, or a percentage of the order (with a cap). */
public enum BenefitType {
    FIXED,
    PERCENT
}

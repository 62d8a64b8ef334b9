package dev.firstcome.model;

/** One line of an order: {@code quantity} units of {@code sku}. */
public record OrderItem(String sku, Integer quantity) {}

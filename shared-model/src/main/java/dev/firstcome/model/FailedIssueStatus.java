package dev.firstcome.model;

/** OPEN until a reissue persisted the coupon (or found it already persisted). */
public enum FailedIssueStatus {
    OPEN,
    REISSUED
}

package dev.bulwark.connectors.support;

/** Why a provider failed, which decides whether trying again can help. */
public enum FailureKind {
  /** 401: the credentials are wrong or expired (an OAuth2 token is refreshed once first). */
  UNAUTHORIZED(false),
  /** 403: the credentials lack a permission; an administrator must grant it. */
  FORBIDDEN(false),
  /** 404: the account, host or resource does not exist. */
  NOT_FOUND(false),
  /** Another 4xx: the request itself is wrong. */
  REJECTED(false),
  /** 429: the provider's rate limit; retried after its {@code Retry-After}. */
  RATE_LIMITED(true),
  /** 5xx: the provider failed. */
  SERVER_ERROR(true),
  /** No answer within the configured timeout. */
  TIMEOUT(true),
  /** Could not connect. */
  UNREACHABLE(true),
  /** Too many failures in a row: calls are refused for a while to let the provider recover. */
  CIRCUIT_OPEN(true);

  private final boolean retryable;

  FailureKind(boolean retryable) {
    this.retryable = retryable;
  }

  public boolean retryable() {
    return retryable;
  }

  /** Failures that say the provider is unwell (not that the request was wrong). */
  boolean countsAgainstCircuit() {
    return this == SERVER_ERROR || this == TIMEOUT || this == UNREACHABLE;
  }
}

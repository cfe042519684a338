package dev.bulwark.rules;

/**
 * A fact that points at a journaled alert: what a decision lists as contributing. {@link
 * AlertEvent} and the compact {@link Trace} are both evidence.
 */
public interface Evidence {

  /** The journal position of the alert. */
  long getSeq();

  /** The event time in epoch milliseconds. */
  long getTimestamp();

  String getUserName();

  String getHostName();

  String getSourceIp();
}

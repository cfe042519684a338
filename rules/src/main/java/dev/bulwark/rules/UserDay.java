package dev.bulwark.rules;

/**
 * One user's entries of the last day as one fact ({@link LatencyDay}, {@link LoginDay}): what
 * {@link UserDays} needs to keep it in a session and expire its entries.
 */
abstract class UserDay {

  public abstract String getUserName();

  /** How many entries the day holds. */
  public abstract int getSize();

  /** The event time of the oldest entry; the day must not be empty. */
  abstract long oldest();

  /**
   * Removes the entries of event time before {@code oldestKept}.
   *
   * @return whether any was removed
   */
  abstract boolean removeBefore(long oldestKept);

  /** The rules have fired on the changes so far. */
  abstract void fired();
}

package dev.bulwark.core.pipeline;

/**
 * The rules' journal position moved while a batch was being evaluated: another engine node
 * evaluated the same alerts and committed first. The batch's decisions are rolled back.
 */
public final class CursorMovedException extends RuntimeException {

  public CursorMovedException(long from, long to) {
    super(
        "the rules' journal position is no longer "
            + from
            + " (another node evaluated alerts "
            + (from + 1)
            + ".."
            + to
            + "); this batch was rolled back");
  }
}

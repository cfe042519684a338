package dev.bulwark.rules;

import java.util.List;

/**
 * The input-latency samples of one user in the window before one slow sample (the window's end,
 * inclusive of samples at the same time): what "sustained latency" weighs. Built by {@link
 * LatencyDay#spansReaching} for the rule's {@code from}.
 */
public final class LatencySpan {

  private final LatencySample sample;
  private final int samples;
  private final List<LatencySample> slowSamples;

  LatencySpan(LatencySample sample, int samples, List<LatencySample> slowSamples) {
    this.sample = sample;
    this.samples = samples;
    this.slowSamples = slowSamples;
  }

  /** The slow sample that ends the window: the decision's trigger. */
  public LatencySample getSample() {
    return sample;
  }

  /** How many samples the window holds, the one that ends it included. */
  public int getSamples() {
    return samples;
  }

  /** How many of them are slow. */
  public int getSlow() {
    return slowSamples.size();
  }

  /** The slow ones, by event time: the decision's evidence. */
  public List<LatencySample> getSlowSamples() {
    return slowSamples;
  }

  @Override
  public String toString() {
    return "LatencySpan[" + sample.seq() + " " + getSlow() + "/" + samples + "]";
  }
}

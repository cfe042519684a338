package dev.bulwark.rules;

/** Gives the benchmark's bare session a decisions global it can clear without an evaluator. */
public final class BareEmitter {

  private BareEmitter() {}

  public static Object create() {
    return new DecisionEmitter();
  }

  public static void clear(Object emitter) {
    ((DecisionEmitter) emitter).drain().clear();
  }
}

package dev.bulwark.core.pipeline;

import java.util.function.Supplier;

/** Runs work in one database transaction: all of it commits, or none. */
public interface Transactions {

  <T> T inTransaction(Supplier<T> work);
}

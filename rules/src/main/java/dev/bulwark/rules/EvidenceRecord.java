package dev.bulwark.rules;

/**
 * {@link Evidence} as a record of a day aggregate has it ({@link LatencySample}, {@link
 * LocatedLogin}, {@link DeviceUse}): the record's components answer the getters rules and decisions
 * read.
 */
public interface EvidenceRecord extends Evidence {

  long seq();

  long timestamp();

  String userName();

  String hostName();

  String sourceIp();

  @Override
  default long getSeq() {
    return seq();
  }

  @Override
  default long getTimestamp() {
    return timestamp();
  }

  @Override
  default String getUserName() {
    return userName();
  }

  @Override
  default String getHostName() {
    return hostName();
  }

  @Override
  default String getSourceIp() {
    return sourceIp();
  }
}

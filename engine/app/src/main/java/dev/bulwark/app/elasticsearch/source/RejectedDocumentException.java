package dev.bulwark.app.elasticsearch.source;

/** A document read from Elasticsearch that is not a valid alert; it is kept, not journaled. */
public class RejectedDocumentException extends RuntimeException {

  private final String index;
  private final String id;
  private final String reason;

  public RejectedDocumentException(String index, String id, String reason) {
    super(index + "/" + id + ": " + reason);
    this.index = index;
    this.id = id;
    this.reason = reason;
  }

  public String index() {
    return index;
  }

  public String id() {
    return id;
  }

  public String reason() {
    return reason;
  }
}

package dev.bulwark.app.web;

/** The request body arrived too slowly. */
public class RequestTimeoutException extends RuntimeException {

  public RequestTimeoutException(String message) {
    super(message);
  }
}

package dev.bulwark.app.web;

/** The request body or batch is larger than configured. */
public class PayloadTooLargeException extends RuntimeException {

  public PayloadTooLargeException(String message) {
    super(message);
  }
}

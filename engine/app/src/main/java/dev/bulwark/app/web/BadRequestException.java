package dev.bulwark.app.web;

/** The request is wrong in a way its message explains. */
public class BadRequestException extends RuntimeException {

  public BadRequestException(String message) {
    super(message);
  }
}

package dev.bulwark.app.web;

/** The thing asked for does not exist. */
public class NotFoundException extends RuntimeException {

  public NotFoundException(String message) {
    super(message);
  }
}

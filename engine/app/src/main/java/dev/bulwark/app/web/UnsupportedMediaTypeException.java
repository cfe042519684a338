package dev.bulwark.app.web;

/** The request's content type is not one the endpoint reads. */
public class UnsupportedMediaTypeException extends RuntimeException {

  public UnsupportedMediaTypeException(String message) {
    super(message);
  }
}

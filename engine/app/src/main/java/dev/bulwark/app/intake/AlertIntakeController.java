package dev.bulwark.app.intake;

import dev.bulwark.app.config.BulwarkProperties;
import dev.bulwark.app.web.PayloadTooLargeException;
import dev.bulwark.app.web.RequestTimeoutException;
import dev.bulwark.app.web.UnsupportedMediaTypeException;
import dev.bulwark.core.journal.AlertJournal.AppendResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/alerts}: one ECS document, a JSON array of them, or NDJSON. Answers 202 only
 * after the alerts are committed to the journal.
 */
@RestController
@RequestMapping("/api/v1/alerts")
class AlertIntakeController {

  private static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

  private final AlertIntake intake;
  private final long maxBodyBytes;
  private final Duration bodyReadTimeout;
  private final IntakeBackPressure backPressure;

  AlertIntakeController(
      AlertIntake intake, BulwarkProperties properties, IntakeBackPressure backPressure) {
    this.intake = intake;
    this.maxBodyBytes = properties.getIntake().getMaxBodyBytes();
    this.bodyReadTimeout = properties.getIntake().getBodyReadTimeout();
    this.backPressure = backPressure;
  }

  @PostMapping
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Integer> accept(HttpServletRequest request) throws IOException {
    MediaType type = mediaType(request.getContentType());
    backPressure.check();
    byte[] body = readBounded(request);
    AppendResult result =
        NDJSON.isCompatibleWith(type) ? intake.acceptNdjson(body) : intake.acceptJson(body);
    return Map.of("accepted", result.accepted(), "duplicates", result.duplicates());
  }

  private static MediaType mediaType(String contentType) {
    if (contentType == null) {
      throw new UnsupportedMediaTypeException(
          "Content-Type is missing: send application/json or application/x-ndjson");
    }
    MediaType type;
    try {
      type = MediaType.parseMediaType(contentType);
    } catch (org.springframework.util.InvalidMimeTypeException e) {
      throw new UnsupportedMediaTypeException(
          "Content-Type '" + contentType + "' is not a media type");
    }
    if (MediaType.APPLICATION_JSON.isCompatibleWith(type) || NDJSON.isCompatibleWith(type)) {
      return type;
    }
    throw new UnsupportedMediaTypeException(
        "Content-Type "
            + contentType
            + " is not supported: send application/json or application/x-ndjson");
  }

  /** Reads the body, refusing it as soon as it passes the limit rather than after buffering it. */
  private byte[] readBounded(HttpServletRequest request) throws IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBodyBytes) {
      throw tooLarge(declared);
    }
    long deadline = System.nanoTime() + bodyReadTimeout.toNanos();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    byte[] chunk = new byte[64 * 1024];
    try (InputStream in = request.getInputStream()) {
      int n;
      while ((n = in.read(chunk)) != -1) {
        body.write(chunk, 0, n);
        if (body.size() > maxBodyBytes) {
          throw tooLarge(-1);
        }
        // Tomcat's timeout is per read, so a sender trickling a byte at a time would never hit it.
        if (System.nanoTime() > deadline) {
          throw new RequestTimeoutException(
              "the request body took longer than "
                  + bodyReadTimeout
                  + " to arrive (bulwark.intake.body-read-timeout); nothing was stored");
        }
      }
    }
    return body.toByteArray();
  }

  private PayloadTooLargeException tooLarge(long declared) {
    return new PayloadTooLargeException(
        "the request body "
            + (declared > 0 ? "of " + declared + " bytes " : "")
            + "is larger than the limit of "
            + maxBodyBytes
            + " bytes (bulwark.intake.max-body-bytes); split it into smaller batches");
  }
}

package dev.traced.auth;

/**
 * The body of a successful {@code POST /login}, in the shape of an OAuth 2.0 token response.
 *
 * @param accessToken the signed access token to send as {@code Authorization: Bearer ...}
 * @param tokenType always {@value #BEARER}
 * @param expiresIn seconds until the token expires
 */
public record LoginResponse(String accessToken, String tokenType, long expiresIn) {

  /** The only token type issued: {@value}. */
  public static final String BEARER = "Bearer";

  /** A bearer-token response. */
  public static LoginResponse bearer(String accessToken, long expiresIn) {
    return new LoginResponse(accessToken, BEARER, expiresIn);
  }
}

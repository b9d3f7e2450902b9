package io.phonegate.devstack.cognito.tokens;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.phonegate.devstack.cognito.AppClientConfig;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.cognito.pool.LivePool;
import io.phonegate.devstack.cognito.users.User;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs Cognito-shaped ID and access tokens with an RS256 key made at start-up; its public half
 * is the pool's JWKS. The ID token is built from the user's attributes at the time of the call,
 * so a refresh after an attribute change shows the change, and carries only those the app client
 * may read ({@code sub} always).
 */
public final class TokenIssuer {

    private static final String ACCESS_SCOPE = "aws.cognito.signin.user.admin";

    private final LivePool live;
    private final CognitoEmulatorSettings settings;
    private final RSAKey key;
    private final RSASSASigner signer;

    public TokenIssuer(LivePool live) {
        this.live = live;
        this.settings = live.settings();
        try {
            this.key = new RSAKeyGenerator(2048)
                    .keyID(UUID.randomUUID().toString())
                    .algorithm(JWSAlgorithm.RS256)
                    .keyUse(KeyUse.SIGNATURE)
                    .generate();
            this.signer = new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot make the RS256 signing key", e);
        }
    }

    /** {@code {"keys":[…]}}: the public key only. */
    public String jwksJson() {
        return new JWKSet(key.toPublicJWK()).toString();
    }

    /**
     * @param originJti the id of the authentication these tokens descend from (kept across refreshes)
     * @param authTime  when the user authenticated (kept across refreshes)
     */
    public String idToken(User user, String originJti, Instant authTime, String eventId) {
        Instant now = settings.clock().instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        AppClientConfig client = live.client();
        user.attributes().forEach((name, value) -> {
            if (!client.reads(name)) {
                return;
            }
            if (name.endsWith("_verified")) {
                claims.claim(name, Boolean.parseBoolean(value));
            } else {
                claims.claim(name, value);
            }
        });
        return sign(claims
                .subject(user.sub())
                .audience(settings.clientId())
                .claim("event_id", eventId)
                .claim("token_use", "id")
                .claim("auth_time", authTime.getEpochSecond())
                .issuer(settings.issuer())
                .claim("cognito:username", user.username())
                .expirationTime(Date.from(now.plus(settings.idTokenValidity())))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("origin_jti", originJti)
                .build());
    }

    public String accessToken(User user, String originJti, Instant authTime, String eventId) {
        Instant now = settings.clock().instant();
        return sign(new JWTClaimsSet.Builder()
                .subject(user.sub())
                .claim("event_id", eventId)
                .claim("token_use", "access")
                .claim("scope", ACCESS_SCOPE)
                .claim("auth_time", authTime.getEpochSecond())
                .issuer(settings.issuer())
                .expirationTime(Date.from(now.plus(settings.accessTokenValidity())))
                .issueTime(Date.from(now))
                .jwtID(UUID.randomUUID().toString())
                .claim("origin_jti", originJti)
                .claim("client_id", settings.clientId())
                .claim("username", user.username())
                .build());
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}

package dev.firstcome.backend.waitingroom;

import dev.firstcome.backend.admission.EntryGate;
import dev.firstcome.backend.admission.EventLookup;
import dev.firstcome.backend.admission.UserIds;
import dev.firstcome.backend.infra.FirstComeNames;
import dev.firstcome.model.EventView;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Entry tokens: {@code <expiresAtEpochSeconds>.<base64url(HMAC-SHA256(key, "entry|v1|" + eventId + "|" +
 * userId + "|" + expiresAt))>}. Bound to the event and the user, valid until {@code expiresAt}; the key
 * is {@code firstcome.waiting-room.token-secret}, or one random key kept in Redis (set once, shared by
 * every server on that Redis). The apply gate: with the event's room on, an apply without a token, with an
 * expired one or one not made for this event and user is refused before admission is asked.
 */
@Component
class EntryTokens implements EntryGate {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final EventLookup events;
    private final Clock clock;
    private final SecretKeySpec key;

    EntryTokens(
            EventLookup events,
            Clock clock,
            WaitingRoomProperties properties,
            StringRedisTemplate redis,
            FirstComeNames names) {
        this.events = events;
        this.clock = clock;
        String secret = properties.tokenSecret();
        if (secret == null || secret.isBlank()) {
            String redisKey = names.keyPrefix() + ":waiting-room:token-key";
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            redis.opsForValue().setIfAbsent(redisKey, HexFormat.of().formatHex(fresh));
            secret = redis.opsForValue().get(redisKey);
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    String issue(long eventId, String userId, long expiresAtEpochSecond) {
        return expiresAtEpochSecond + "." + B64.encodeToString(mac(eventId, userId, expiresAtEpochSecond));
    }

    @Override
    public Refusal check(long eventId, String userId, String entryToken) {
        Optional<EventView> event = events.find(eventId);
        if (event.isEmpty() || !event.get().room().on() || !UserIds.isValid(userId)) {
            return null; // no room, or admission answers 404 / 400 itself
        }
        if (entryToken == null || entryToken.isEmpty()) {
            return Refusal.ENTRY_TOKEN_MISSING;
        }
        int dot = entryToken.indexOf('.');
        if (dot <= 0 || dot > 19 || entryToken.length() > 80) {
            return Refusal.ENTRY_TOKEN_INVALID;
        }
        long expiresAt;
        byte[] given;
        try {
            expiresAt = Long.parseLong(entryToken, 0, dot, 10);
            given = B64D.decode(entryToken.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Refusal.ENTRY_TOKEN_INVALID;
        }
        if (!MessageDigest.isEqual(given, mac(eventId, userId, expiresAt))) {
            return Refusal.ENTRY_TOKEN_INVALID;
        }
        if (clock.instant().getEpochSecond() >= expiresAt) {
            return Refusal.ENTRY_TOKEN_EXPIRED;
        }
        return null;
    }

    private byte[] mac(long eventId, String userId, long expiresAt) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(
                    ("entry|v1|" + eventId + "|" + userId + "|" + expiresAt).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    static Duration validity(EventView event) {
        return Duration.ofSeconds(event.room().entryTokenSeconds());
    }
}

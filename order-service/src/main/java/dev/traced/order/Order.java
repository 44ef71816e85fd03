package dev.traced.order;

import java.time.Instant;

/**
 * A stored order, as the API returns it.
 *
 * @param id database id
 * @param userId the user who placed it
 * @param item what was ordered
 * @param quantity how many
 * @param createdAt when it was stored (ISO-8601 in JSON)
 */
public record Order(long id, String userId, String item, int quantity, Instant createdAt) {}

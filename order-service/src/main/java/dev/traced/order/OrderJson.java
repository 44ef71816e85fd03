package dev.traced.order;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.time.Instant;

/** The JSON mapping of the API: strict on input, ISO-8601 instants on output. */
final class OrderJson {

  private OrderJson() {}

  /** Javalin's Jackson mapper, made strict so a wrong-typed or missing field is a 400. */
  static JsonMapper mapper() {
    ObjectMapper mapper = JavalinJackson.defaultMapper();
    // Instant.toString() is ISO-8601; no extra module needed for one type.
    mapper.registerModule(
        new SimpleModule().addSerializer(Instant.class, ToStringSerializer.instance));
    // Otherwise Jackson reads "5" or 5.7 as a quantity, 5 as an item, and a missing field as 0.
    mapper
        .coercionConfigFor(LogicalType.Integer)
        .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
    mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    mapper.enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper
        .coercionConfigFor(LogicalType.Textual)
        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    return new JavalinJackson(mapper, false);
  }
}

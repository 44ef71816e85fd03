package dev.traced.order;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.util.AccessPattern;
import io.javalin.json.JavalinJackson;
import io.javalin.json.JsonMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;

/** The JSON mapping of the API: strict on input, ISO-8601 instants on output. */
final class OrderJson {

  private OrderJson() {}

  /** Javalin's Jackson mapper, made strict so a wrong-typed or missing field is a 400. */
  static JsonMapper mapper() {
    ObjectMapper mapper = JavalinJackson.defaultMapper();
    mapper.registerModule(
        new SimpleModule()
            // Instant.toString() is ISO-8601; no extra module needed for one type.
            .addSerializer(Instant.class, ToStringSerializer.instance)
            .addDeserializer(int.class, new WholeNumber()));
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

  /**
   * An {@code int} from any JSON number without a fraction: {@code 2.0} and {@code 2e0} are the
   * number {@code 2}, as JSON Schema's {@code integer} (and so the OpenAPI description) says.
   * Jackson would either refuse them or, allowed to, cut {@code 2.5} to {@code 2}; this refuses
   * only {@code 2.5}. Every other token goes to Jackson's own reader and its coercion rules.
   */
  private static final class WholeNumber extends StdDeserializer<Integer> {
    private final NumberDeserializers.IntegerDeserializer jackson =
        new NumberDeserializers.IntegerDeserializer(Integer.TYPE, 0);

    WholeNumber() {
      super(Integer.TYPE);
    }

    @Override
    public Integer deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      if (!parser.hasToken(JsonToken.VALUE_NUMBER_FLOAT)) {
        return jackson.deserialize(parser, context);
      }
      BigDecimal value = parser.getDecimalValue();
      try {
        return value.intValueExact();
      } catch (ArithmeticException e) {
        return (Integer)
            context.handleWeirdNumberValue(Integer.TYPE, value, "not a whole number in int range");
      }
    }

    // null is Jackson's to judge too: FAIL_ON_NULL_FOR_PRIMITIVES makes it a 400.
    @Override
    public Integer getNullValue(DeserializationContext context) throws JsonMappingException {
      return jackson.getNullValue(context);
    }

    @Override
    public AccessPattern getNullAccessPattern() {
      return jackson.getNullAccessPattern();
    }
  }
}

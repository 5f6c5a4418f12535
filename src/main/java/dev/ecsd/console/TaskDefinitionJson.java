package dev.ecsd.console;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecsd.model.ModelJson;
import dev.ecsd.model.TaskDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * A revision's JSON as DescribeTaskDefinition answers it (the model's members are the wire's), pretty-printed for a
 * reader and for a line diff: one member or array element a line, times as ISO-8601 as the CLI prints them. A task
 * definition holds no secret value, only where each comes from ({@code valueFrom}, {@code credentialsParameter}).
 */
public final class TaskDefinitionJson {
    private static final ObjectMapper MAPPER = ModelJson.MAPPER.copy()
            .registerModule(new SimpleModule().addSerializer(Instant.class, new IsoMillis()));
    private static final DefaultPrettyPrinter PRINTER = new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator("").withObjectEmptySeparator(""))
            .withArrayIndenter(new DefaultIndenter("  ", "\n"))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"));

    private TaskDefinitionJson() {
    }

    /** The revision as DescribeTaskDefinition's {@code taskDefinition} member, indented. */
    public static String pretty(TaskDefinition definition) {
        ObjectNode tree = MAPPER.valueToTree(definition);
        // DescribeTaskDefinition answers tags beside the task definition, not in it
        tree.remove("tags");
        try {
            return MAPPER.writer(PRINTER).writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An instant to the millisecond, ISO-8601 in UTC. */
    private static final class IsoMillis extends JsonSerializer<Instant> {
        @Override
        public void serialize(Instant value, JsonGenerator out, SerializerProvider provider) throws IOException {
            out.writeString(value.truncatedTo(ChronoUnit.MILLIS).toString());
        }
    }
}

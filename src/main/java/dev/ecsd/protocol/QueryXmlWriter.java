package dev.ecsd.protocol;

import java.io.OutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingKnownType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;

/**
 * Writes model objects as AWS Query XML, as the SDKs' XML unmarshallers read it: members under their
 * {@code unmarshallLocationName()}, lists as {@code <Name><member>…</member></Name>}, maps as
 * {@code <Name><entry><key/><value/></entry></Name>} (both without the wrapper when flattened), timestamps in
 * ISO-8601 UTC with milliseconds. Unset members are left out, as {@link AwsJsonCodec} leaves them out.
 */
final class QueryXmlWriter {
    private static final XMLOutputFactory XML_OUTPUT = XMLOutputFactory.newDefaultFactory();
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private QueryXmlWriter() {
    }

    /** A UTF-8 XML writer on the stream, for a whole response document. */
    static XMLStreamWriter xmlWriter(OutputStream out) throws XMLStreamException {
        return XML_OUTPUT.createXMLStreamWriter(out, "UTF-8");
    }

    /** The members of a model object as XML text, without an enclosing element. */
    static String content(SdkPojo pojo) {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XML_OUTPUT.createXMLStreamWriter(text);
            writeMembers(pojo, xml);
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("writing XML to memory failed", e);
        }
        return text.toString();
    }

    static void writeMembers(SdkPojo pojo, XMLStreamWriter xml) throws XMLStreamException {
        for (SdkField<?> field : pojo.sdkFields()) {
            Object value = AwsJsonCodec.valueOf(field, pojo);
            if (AwsJsonCodec.isSet(value)) {
                writeValue(field, field.unmarshallLocationName(), value, xml);
            }
        }
    }

    /** An element holding only text. */
    static void textElement(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        writeText(text, xml);
        xml.writeEndElement();
    }

    private static void writeValue(SdkField<?> field, String elementName, Object value, XMLStreamWriter xml)
            throws XMLStreamException {
        MarshallingKnownType type = field.marshallingType().getKnownType();
        switch (type) {
            case LIST -> writeList(field, elementName, (List<?>) value, xml);
            case MAP -> writeMap(field, elementName, (Map<?, ?>) value, xml);
            case SDK_POJO -> {
                xml.writeStartElement(elementName);
                writeMembers((SdkPojo) value, xml);
                xml.writeEndElement();
            }
            default -> textElement(xml, elementName, scalarText(type, value));
        }
    }

    private static void writeList(SdkField<?> field, String elementName, List<?> values, XMLStreamWriter xml)
            throws XMLStreamException {
        ListTrait trait = field.getRequiredTrait(ListTrait.class);
        SdkField<?> member = trait.memberFieldInfo();
        if (trait.isFlattened()) {
            // a flattened list is its elements, each under the list's own name, with no wrapping element
            for (Object item : values) {
                if (item != null) {
                    writeValue(member, elementName, item, xml);
                }
            }
            return;
        }
        String memberName = AwsQueryCodec.orDefault(member.unmarshallLocationName(), "member");
        xml.writeStartElement(elementName);
        for (Object item : values) {
            if (item != null) {
                writeValue(member, memberName, item, xml);
            }
        }
        xml.writeEndElement();
    }

    private static void writeMap(SdkField<?> field, String elementName, Map<?, ?> values, XMLStreamWriter xml)
            throws XMLStreamException {
        MapTrait trait = field.getRequiredTrait(MapTrait.class);
        String keyName = AwsQueryCodec.orDefault(trait.keyLocationName(), "key");
        String valueName = AwsQueryCodec.orDefault(trait.valueLocationName(), "value");
        if (!trait.isFlattened()) {
            xml.writeStartElement(elementName);
        }
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            xml.writeStartElement(trait.isFlattened() ? elementName : "entry");
            xml.writeStartElement(keyName);
            writeText(String.valueOf(entry.getKey()), xml);
            xml.writeEndElement();
            writeValue(trait.valueFieldInfo(), valueName, entry.getValue(), xml);
            xml.writeEndElement();
        }
        if (!trait.isFlattened()) {
            xml.writeEndElement();
        }
    }

    private static String scalarText(MarshallingKnownType type, Object value) {
        return switch (type) {
            case INSTANT -> TIMESTAMP.format((Instant) value);
            case SDK_BYTES -> Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray());
            case BIG_DECIMAL -> ((BigDecimal) value).toPlainString();
            case STRING, INTEGER, LONG, SHORT, BYTE, DOUBLE, FLOAT, BOOLEAN -> String.valueOf(value);
            default -> throw new IllegalStateException("the Query protocol has no " + type);
        };
    }

    /**
     * Writes text that any XML 1.0 parser reads back as it was: the writer escapes markup, a carriage return is
     * written as a character reference (a parser would turn a literal one into a line feed), and the characters
     * XML 1.0 cannot carry at all (most control characters, unpaired surrogates) become U+FFFD.
     */
    static void writeText(String text, XMLStreamWriter xml) throws XMLStreamException {
        StringBuilder run = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            i += Character.charCount(codePoint);
            if (codePoint == '\r') {
                xml.writeCharacters(run.toString());
                run.setLength(0);
                xml.writeEntityRef("#13");
            } else if (isXmlCharacter(codePoint)) {
                run.appendCodePoint(codePoint);
            } else {
                run.append('\uFFFD');
            }
        }
        xml.writeCharacters(run.toString());
    }

    private static boolean isXmlCharacter(int codePoint) {
        return codePoint == 0x9 || codePoint == 0xA || (codePoint >= 0x20 && codePoint <= 0xD7FF)
                || (codePoint >= 0xE000 && codePoint <= 0xFFFD) || (codePoint >= 0x10000 && codePoint <= 0x10FFFF);
    }
}

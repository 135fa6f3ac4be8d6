package dev.sluice.bench;

import java.util.List;
import java.util.Map;

/** Writes maps, lists, strings, numbers, booleans and null as indented JSON; enough for the results file. */
final class Json {
    private Json() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, "");
        return out.append('\n').toString();
    }

    private static void write(Object value, StringBuilder out, String indent) {
        switch (value) {
            case null -> out.append("null");
            case String text -> string(text, out);
            case Double number when number.isNaN() || number.isInfinite() -> out.append("null");
            case Double number -> out.append(Math.round(number * 100) / 100.0);
            case Number number -> out.append(number);
            case Boolean bool -> out.append(bool);
            case Map<?, ?> map -> {
                out.append('{');
                String inner = indent + "  ";
                String separator = "\n";
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    out.append(separator).append(inner);
                    string(String.valueOf(entry.getKey()), out);
                    out.append(": ");
                    write(entry.getValue(), out, inner);
                    separator = ",\n";
                }
                out.append(map.isEmpty() ? "" : "\n" + indent).append('}');
            }
            case List<?> list -> {
                boolean simple = list.stream().noneMatch(item -> item instanceof Map || item instanceof List);
                out.append('[');
                String inner = indent + "  ";
                String separator = simple ? "" : "\n" + inner;
                for (Object item : list) {
                    out.append(separator);
                    write(item, out, inner);
                    separator = simple ? ", " : ",\n" + inner;
                }
                out.append(simple || list.isEmpty() ? "" : "\n" + indent).append(']');
            }
            default -> string(value.toString(), out);
        }
    }

    private static void string(String text, StringBuilder out) {
        out.append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}

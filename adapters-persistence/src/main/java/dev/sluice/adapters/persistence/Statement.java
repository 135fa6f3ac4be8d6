package dev.sluice.adapters.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A statement whose {@code :name} parameters were turned into JDBC's {@code ?} once, when it was
 * defined: Helidon converts named statements on every execution, which costs more than the
 * statement's own parsing once the driver caches that.
 *
 * @param name       the statement's name, for Helidon's logs and errors
 * @param sql        the text with positional parameters
 * @param parameters the parameter name of each {@code ?}, in order (a name used twice appears twice)
 */
record Statement(String name, String sql, List<String> parameters) {
    Statement {
        parameters = List.copyOf(parameters);
    }

    /** Replaces each {@code :name} outside a quoted literal by {@code ?}; {@code ::} is left alone. */
    static Statement compile(String name, String namedSql) {
        List<String> names = new ArrayList<>();
        StringBuilder sql = new StringBuilder(namedSql.length());
        boolean quoted = false;
        int i = 0;
        while (i < namedSql.length()) {
            char c = namedSql.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && c == ':' && startsName(namedSql, i + 1) && !follows(namedSql, i, ':')) {
                int end = i + 1;
                while (end < namedSql.length() && Character.isJavaIdentifierPart(namedSql.charAt(end))) {
                    end++;
                }
                names.add(namedSql.substring(i + 1, end));
                sql.append('?');
                i = end;
                continue;
            }
            sql.append(c);
            i++;
        }
        return new Statement(name, sql.toString(), names);
    }

    private static boolean startsName(String sql, int at) {
        return at < sql.length() && Character.isJavaIdentifierStart(sql.charAt(at));
    }

    private static boolean follows(String sql, int at, char previous) {
        return at > 0 && sql.charAt(at - 1) == previous;
    }

    /** The values in parameter order; a value may be null, a missing name is a bug. */
    List<Object> values(Map<String, ?> params) {
        List<Object> values = new ArrayList<>(parameters.size());
        for (String parameter : parameters) {
            if (!params.containsKey(parameter)) {
                throw new IllegalArgumentException("statement " + name + " needs parameter " + parameter);
            }
            values.add(params.get(parameter));
        }
        return values;
    }
}

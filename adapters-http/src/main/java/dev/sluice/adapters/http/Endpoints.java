package dev.sluice.adapters.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Registers routes and remembers them: the list answers 405 (a known path, another method) and
 * lets a test hold the OpenAPI document against what is really served.
 */
final class Endpoints {
    record Endpoint(Method method, String path) {
        boolean matches(String requestPath) {
            return Pattern.matches(path.replaceAll("\\{[^/]+}", "[^/]+"), requestPath);
        }
    }

    private final List<Endpoint> all = new CopyOnWriteArrayList<>();

    void get(HttpRules rules, String path, Handler handler) {
        add(rules, Method.GET, path, handler);
    }

    void post(HttpRules rules, String path, Handler handler) {
        add(rules, Method.POST, path, handler);
    }

    private void add(HttpRules rules, Method method, String path, Handler handler) {
        rules.route(method, path, (req, res) -> {
            RequestScope.of(req).route(path);
            handler.handle(req, res);
        });
        all.add(new Endpoint(method, path));
    }

    List<Endpoint> all() {
        return List.copyOf(all);
    }

    List<String> methodsFor(String requestPath) {
        return all.stream().filter(e -> e.matches(requestPath)).map(e -> e.method().text()).distinct().toList();
    }
}

package io.phonegate.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** deploy/grafana/dashboards/phonegate.json: its panels and every query in it. */
final class Dashboard {

    static final String FILE = "deploy/grafana/dashboards/phonegate.json";

    record Panel(int id, String type, String title, Map<String, Object> gridPos, List<String> expressions) {
    }

    private Dashboard() {
    }

    static Map<String, Object> json() {
        return Repository.json(FILE);
    }

    /** Every panel, rows' nested panels included. */
    static List<Panel> panels() {
        List<Panel> panels = new ArrayList<>();
        collect(Structure.maps(json().get("panels"), FILE + " panels"), panels);
        return panels;
    }

    /** The queries of the template variables (they read metrics too). */
    static List<String> variableQueries() {
        List<String> queries = new ArrayList<>();
        Map<String, Object> templating = Structure.map(json().get("templating"), FILE + " templating");
        for (Map<String, Object> variable : Structure.maps(templating.get("list"), FILE + " templating.list")) {
            if ("query".equals(variable.get("type"))) {
                Object query = variable.get("query");
                queries.add(query instanceof Map<?, ?> map ? String.valueOf(map.get("query")) : String.valueOf(query));
            }
        }
        return queries;
    }

    private static void collect(List<Map<String, Object>> raw, List<Panel> into) {
        for (Map<String, Object> panel : raw) {
            String title = String.valueOf(panel.get("title"));
            List<String> expressions = new ArrayList<>();
            Object targets = panel.get("targets");
            if (targets != null) {
                for (Map<String, Object> target : Structure.maps(targets, title + " targets")) {
                    expressions.add(Structure.string(target.get("expr"), title + " target expr"));
                }
            }
            into.add(new Panel(((Number) panel.get("id")).intValue(), String.valueOf(panel.get("type")), title,
                    Structure.map(panel.get("gridPos"), title + " gridPos"), expressions));
            Object nested = panel.get("panels");
            if (nested != null) {
                collect(Structure.maps(nested, title + " panels"), into);
            }
        }
    }
}

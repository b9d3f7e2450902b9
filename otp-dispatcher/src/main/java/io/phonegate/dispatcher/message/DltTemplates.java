package io.phonegate.dispatcher.message;

import io.phonegate.dispatcher.sms.TextForm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Prints the content templates to register on India's DLT portal for an {@code otp-host} (and Android
 * app hash): every text form that configuration sends, exactly as the dispatcher renders it, the code
 * and the minutes as {@code {#var#}}. Forms with the same text share one template (and one id).
 *
 * <pre>
 * java -Dloader.main=io.phonegate.dispatcher.message.DltTemplates -cp otp-dispatcher-exec.jar \
 *      org.springframework.boot.loader.launch.PropertiesLauncher auth.example.com [android-app-hash]
 * </pre>
 */
public final class DltTemplates {

    private DltTemplates() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: DltTemplates <otp-host> [android-app-hash]");
            System.exit(2);
        }
        System.out.print(describe(args[0], args.length == 2 ? args[1] : null));
    }

    /** The templates to register, one block per distinct text, naming the forms (settings keys) it serves. */
    static String describe(String host, String androidAppHash) {
        SmsTemplates templates = new SmsTemplates(host, androidAppHash);
        Map<TextForm, SortedSet<Integer>> codeLengths = templates.codeLengthsByForm();
        Map<String, List<TextForm>> formsByText = new LinkedHashMap<>();
        for (TextForm form : codeLengths.keySet()) {
            formsByText.computeIfAbsent(templates.registeredTemplate(form), text -> new ArrayList<>()).add(form);
        }
        StringBuilder out = new StringBuilder()
                .append("DLT content templates for otp-host ").append(host)
                .append(androidAppHash == null ? ", no Android app hash" : ", Android app hash " + androidAppHash).append(".\n")
                .append("Register each text exactly as between its lines, line breaks included; {#var#} is the code or the minutes.\n")
                .append("Set the template id it gets for every form named above it (sent for codes of the digits shown).\n");
        formsByText.forEach((text, forms) -> out.append('\n')
                .append(String.join(", ", forms.stream().map(form -> form.id() + " " + digits(codeLengths.get(form))).toList()))
                .append(SmsLength.isGsm7(text) ? ", Text" : ", Unicode").append('\n')
                .append("-----\n").append(text).append("\n-----\n"));
        return out.toString();
    }

    private static String digits(SortedSet<Integer> lengths) {
        return "(" + (lengths.size() == 1 ? lengths.first() : lengths.first() + "-" + lengths.last()) + " digits)";
    }
}

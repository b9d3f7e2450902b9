package io.phonegate.dispatcher.sms;

import io.phonegate.common.phone.PhoneNumber;
import io.phonegate.dispatcher.DispatcherProperties;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who an SMS says it is from, by destination country: the sender id and origination number (the
 * country's own, else the defaults) and, where India's DLT is on, the entity id and the template id
 * of the text's form, as SNS message attributes. The start fails when a DLT country lacks any of it.
 */
public final class CountrySenders {

    static final String SMS_TYPE = "AWS.SNS.SMS.SMSType";
    static final String SENDER_ID = "AWS.SNS.SMS.SenderID";
    static final String ORIGINATION_NUMBER = "AWS.MM.SMS.OriginationNumber";
    static final String ENTITY_ID = "AWS.MM.SMS.EntityId";
    static final String TEMPLATE_ID = "AWS.MM.SMS.TemplateId";

    static final String INDIA = "IN";
    /** The only regions SNS sends to India over local routes, the ones that carry a DLT sender id. */
    static final Set<String> INDIA_LOCAL_ROUTE_REGIONS = Set.of("ap-south-1", "ap-south-2");
    /** "India sender IDs must be 3-6 alphabetic characters" (End User Messaging, India sender ID registration). */
    private static final Pattern INDIA_SENDER_ID = Pattern.compile("[A-Za-z]{3,6}");

    /** What one country's SMS carry; {@code entityId} is set exactly where DLT is on. */
    private record Sender(String senderId, String originationNumber, String entityId, Map<TextForm, String> templateIds) {
    }

    private final Sender defaults;
    private final Map<String, Sender> byCountry = new TreeMap<>();

    /** @throws IllegalArgumentException naming every setting a DLT country lacks, with the text to register for each form */
    public CountrySenders(DispatcherProperties properties, SmsTexts texts) {
        defaults = new Sender(properties.senderId(), properties.originationNumber(), null, Map.of());
        List<String> problems = new ArrayList<>();
        properties.countries().forEach((code, country) -> {
            String senderId = country.senderId() != null ? country.senderId() : properties.senderId();
            String origination = country.originationNumber() != null ? country.originationNumber() : properties.originationNumber();
            DispatcherProperties.Dlt dlt = country.dlt();
            Map<TextForm, String> templateIds = dlt.on() ? templateIds(code, dlt, texts, problems) : Map.of();
            if (dlt.on()) {
                requireDlt(code, dlt, senderId, templateIds, texts, problems);
            }
            byCountry.put(code, new Sender(senderId, origination, dlt.entityId(), templateIds));
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("DLT settings are incomplete (India's carriers drop an SMS without its "
                    + "registered entity and template):\n- " + String.join("\n- ", problems));
        }
    }

    /**
     * The SNS message attributes of this SMS: {@code Transactional}, its country's sender id and origination
     * number where set and, for a DLT country, the entity id and its form's template id.
     *
     * @throws UnregisteredTextException when the SMS goes to a DLT country in a form without a template id
     *         (the start-up check makes sure every form the templates can choose has one)
     */
    Map<String, String> attributes(Sms sms) {
        Sender sender = byCountry.getOrDefault(sms.to().regionCode(), defaults);
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put(SMS_TYPE, "Transactional");
        if (sender.senderId() != null) {
            attributes.put(SENDER_ID, sender.senderId());
        }
        if (sender.originationNumber() != null) {
            attributes.put(ORIGINATION_NUMBER, sender.originationNumber());
        }
        if (sender.entityId() != null) {
            String templateId = sender.templateIds().get(sms.form());
            if (templateId == null) {
                throw new UnregisteredTextException(sms.form());
            }
            attributes.put(ENTITY_ID, sender.entityId());
            attributes.put(TEMPLATE_ID, templateId);
        }
        return attributes;
    }

    /** Countries whose SMS carry DLT attributes. */
    public Set<String> dltCountries() {
        Set<String> countries = new TreeSet<>();
        byCountry.forEach((code, sender) -> {
            if (sender.entityId() != null) {
                countries.add(code);
            }
        });
        return countries;
    }

    /**
     * What a person should know at start-up that does not stop it: DLT for India from a region SNS does not
     * send to India's local routes from, or a sender id for India without DLT.
     *
     * @param region           {@code phonegate.aws.region}
     * @param allowedCountries the backstop's countries: a sender id for India matters only if codes go there
     */
    public List<String> warnings(String region, Set<String> allowedCountries) {
        List<String> warnings = new ArrayList<>();
        Sender india = byCountry.getOrDefault(INDIA, defaults);
        if (india.entityId() != null && !INDIA_LOCAL_ROUTE_REGIONS.contains(region)) {
            warnings.add("DLT is set for IN but phonegate.aws.region is " + region + ": SNS sends to India over local "
                    + "routes, which carry the DLT sender id, only from ap-south-1 (Mumbai) or ap-south-2 (Hyderabad)");
        }
        if (india.entityId() == null && india.senderId() != null && allowedCountries.contains(INDIA)) {
            warnings.add("SMS to IN carry sender id " + india.senderId() + " without DLT: India shows a sender id only "
                    + "over local routes, which need the DLT entity and template ids (phonegate.dispatcher.countries.IN.dlt.*)");
        }
        return warnings;
    }

    private static Map<TextForm, String> templateIds(String code, DispatcherProperties.Dlt dlt, SmsTexts texts,
                                                      List<String> problems) {
        Map<TextForm, String> ids = new LinkedHashMap<>();
        dlt.templates().forEach((key, id) -> {
            Optional<TextForm> form = TextForm.fromId(key).filter(texts.forms()::contains);
            if (form.isPresent()) {
                ids.put(form.get(), id);
            } else {
                problems.add(setting(code, "templates." + key) + " names no text form; the forms are "
                        + texts.forms().stream().map(TextForm::id).toList());
            }
        });
        return ids;
    }

    private static void requireDlt(String code, DispatcherProperties.Dlt dlt, String senderId, Map<TextForm, String> templateIds,
                                   SmsTexts texts, List<String> problems) {
        if (dlt.entityId() == null) {
            problems.add(setting(code, "entity-id") + " (" + environment(code, "ENTITYID")
                    + ") is required: the principal entity id from the DLT portal");
        }
        if (senderId == null) {
            problems.add("phonegate.dispatcher.countries." + code + ".sender-id (PHONEGATE_DISPATCHER_COUNTRIES_" + code
                    + "_SENDERID) is required: the DLT header the templates are registered to");
        } else if (INDIA.equals(code) && !INDIA_SENDER_ID.matcher(senderId).matches()) {
            problems.add("the sender id for IN is " + senderId + ": India's DLT headers are 3-6 letters");
        }
        for (TextForm form : texts.formsInUse()) {
            if (!templateIds.containsKey(form)) {
                problems.add("no template id for the " + form.id() + " text, which this otp-host and app hash can send: set "
                        + setting(code, "templates." + form.id()) + " (" + environment(code, "TEMPLATES_"
                        + form.id().toUpperCase(Locale.ROOT).replace('-', '_')) + ") to the id of this template, "
                        + "registered exactly as between the lines:\n-----\n" + texts.registeredTemplate(form) + "\n-----");
            }
        }
    }

    private static String setting(String code, String name) {
        return "phonegate.dispatcher.countries." + code + ".dlt." + name;
    }

    private static String environment(String code, String name) {
        return "PHONEGATE_DISPATCHER_COUNTRIES_" + code + "_DLT_" + name;
    }

    /** An SMS to a DLT country in a form that has no template id: carriers there would drop it. */
    static final class UnregisteredTextException extends IllegalStateException {

        UnregisteredTextException(TextForm form) {
            super("no DLT template id for the " + form.id() + " text");
        }
    }
}

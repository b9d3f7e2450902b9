package io.phonegate.triggers.testing;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.phonegate.common.answer.AnswerSignatures;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Builds trigger events shaped exactly as Lambda delivers them, and runs a handler on their JSON. */
public final class TriggerEvents {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    public static final String PHONE = "+919876543210";
    public static final String SUB = "0f6a7c1e-5d1b-4a8e-9f00-2b1c3d4e5f60";

    private TriggerEvents() {
    }

    public static ObjectNode define(boolean verified) {
        return event("DefineAuthChallenge_Authentication", verified);
    }

    public static ObjectNode create(boolean verified) {
        ObjectNode event = event("CreateAuthChallenge_Authentication", verified);
        ((ObjectNode) event.get("request")).put("challengeName", "CUSTOM_CHALLENGE");
        return event;
    }

    /** A Verify event whose answer carries no signature: as an answer through Cognito's public API would. */
    public static ObjectNode verify(Map<String, String> privateParameters, String answer) {
        ObjectNode event = event("VerifyAuthChallengeResponse_Authentication", false);
        ObjectNode request = (ObjectNode) event.get("request");
        request.remove("session");
        ObjectNode parameters = request.putObject("privateChallengeParameters");
        privateParameters.forEach(parameters::put);
        if (answer != null) {
            request.put("challengeAnswer", answer);
        }
        return event;
    }

    /** A Verify event whose answer the gateway signed: {@code signature} in {@code clientMetadata}, as Cognito passes it. */
    public static ObjectNode verify(Map<String, String> privateParameters, String answer, String signature) {
        ObjectNode event = verify(privateParameters, answer);
        ((ObjectNode) event.get("request").get("clientMetadata")).put(AnswerSignatures.CLIENT_METADATA_KEY, signature);
        return event;
    }

    /** Appends a round to {@code request.session}, as Cognito records it after Verify. */
    public static ObjectNode withRound(ObjectNode event, String challengeName, boolean result, String metadata) {
        ArrayNode session = (ArrayNode) event.get("request").get("session");
        ObjectNode round = session.addObject();
        round.put("challengeName", challengeName);
        round.put("challengeResult", result);
        round.put("challengeMetadata", metadata);
        return event;
    }

    public static ObjectNode run(RequestStreamHandler handler, ObjectNode event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(JSON.writeValueAsBytes(event)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return (ObjectNode) JSON.readTree(out.toByteArray());
    }

    public static JsonNode response(RequestStreamHandler handler, ObjectNode event) {
        return run(handler, event).get("response");
    }

    private static ObjectNode event(String triggerSource, boolean verified) {
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "1");
        event.put("region", "us-east-1");
        event.put("userPoolId", "us-east-1_phonegate");
        event.put("userName", PHONE);
        ObjectNode caller = event.putObject("callerContext");
        caller.put("awsSdkVersion", "aws-sdk-java-2.40.2");
        caller.put("clientId", "phonegatelocalclient");
        event.put("triggerSource", triggerSource);
        ObjectNode request = event.putObject("request");
        ObjectNode attributes = request.putObject("userAttributes");
        attributes.put("sub", SUB);
        attributes.put("phone_number", PHONE);
        attributes.put("phone_number_verified", Boolean.toString(verified));
        attributes.put("cognito:user_status", "CONFIRMED");
        request.putArray("session");
        request.putObject("clientMetadata");
        request.put("userNotFound", false);
        event.putObject("response");
        return event;
    }
}

package io.phonegate.devstack.cognito.auth;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.phonegate.devstack.cognito.CognitoEmulatorSettings;
import io.phonegate.devstack.cognito.users.User;
import io.phonegate.devstack.cognito.wire.CognitoException;
import io.phonegate.triggers.create.CreateAuthChallengeHandler;
import io.phonegate.triggers.define.DefineAuthChallengeHandler;
import io.phonegate.triggers.verify.VerifyAuthChallengeHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the real trigger classes in-process the way Lambda would: writes the event JSON Cognito
 * sends, calls {@code handleRequest} with streams, and reads the {@code response} back. A trigger
 * that throws is reported as Cognito reports a failed Lambda ({@code UserLambdaValidationException}).
 */
final class TriggerRunner {

    enum Decision { CHALLENGE, ISSUE_TOKENS, FAIL }

    record Challenge(Map<String, String> publicParameters, Map<String, String> privateParameters, String metadata) {
    }

    private final JsonMapper json;
    private final CognitoEmulatorSettings settings;
    private final RequestStreamHandler define;
    private final RequestStreamHandler create;
    private final RequestStreamHandler verify;

    TriggerRunner(JsonMapper json, CognitoEmulatorSettings settings) {
        this.json = json;
        this.settings = settings;
        this.define = new DefineAuthChallengeHandler(settings.triggers(), settings.clock());
        this.create = new CreateAuthChallengeHandler(settings.triggers(), settings.clock());
        this.verify = new VerifyAuthChallengeHandler(settings.triggers(), settings.clock());
    }

    /** @param user null for an unknown user (PreventUserExistenceErrors=ENABLED) */
    Decision define(String username, User user, List<Round> rounds, Map<String, String> clientMetadata) {
        ObjectNode event = event("DefineAuthChallenge_Authentication", username, user, clientMetadata);
        session((ObjectNode) event.get("request"), rounds);
        ObjectNode response = event.putObject("response");
        response.putNull("challengeName");
        response.putNull("issueTokens");
        response.putNull("failAuthentication");
        JsonNode answer = invoke("DefineAuthChallenge", define, event);
        if (answer.path("failAuthentication").asBoolean(false)) {
            return Decision.FAIL;
        }
        if (answer.path("issueTokens").asBoolean(false)) {
            return Decision.ISSUE_TOKENS;
        }
        JsonNode challengeName = answer.get("challengeName");
        if (challengeName != null && challengeName.isString() && "CUSTOM_CHALLENGE".equals(challengeName.stringValue())) {
            return Decision.CHALLENGE;
        }
        throw CognitoException.invalidLambdaResponse(challengeName == null || challengeName.isNull()
                ? "Invalid lambda response: DefineAuthChallenge chose neither a challenge, tokens nor failure"
                : "Unsupported challenge name from DefineAuthChallenge: " + challengeName.asString());
    }

    Challenge create(String username, User user, List<Round> rounds, Map<String, String> clientMetadata) {
        ObjectNode event = event("CreateAuthChallenge_Authentication", username, user, clientMetadata);
        ObjectNode request = (ObjectNode) event.get("request");
        request.put("challengeName", "CUSTOM_CHALLENGE");
        session(request, rounds);
        ObjectNode response = event.putObject("response");
        response.putNull("publicChallengeParameters");
        response.putNull("privateChallengeParameters");
        response.putNull("challengeMetadata");
        JsonNode answer = invoke("CreateAuthChallenge", create, event);
        JsonNode metadata = answer.get("challengeMetadata");
        return new Challenge(strings(answer.get("publicChallengeParameters")), strings(answer.get("privateChallengeParameters")),
                metadata != null && metadata.isString() ? metadata.stringValue() : null);
    }

    boolean verify(User user, Map<String, String> privateParameters, String answer, Map<String, String> clientMetadata) {
        ObjectNode event = event("VerifyAuthChallengeResponse_Authentication", user.username(), user, clientMetadata);
        ObjectNode request = (ObjectNode) event.get("request");
        ObjectNode parameters = request.putObject("privateChallengeParameters");
        privateParameters.forEach(parameters::put);
        request.put("challengeAnswer", answer);
        event.putObject("response").putNull("answerCorrect");
        return invoke("VerifyAuthChallengeResponse", verify, event).path("answerCorrect").asBoolean(false);
    }

    private ObjectNode event(String triggerSource, String username, User user, Map<String, String> clientMetadata) {
        ObjectNode event = json.createObjectNode();
        event.put("version", "1");
        event.put("region", settings.region());
        event.put("userPoolId", settings.userPoolId());
        event.put("userName", username);
        ObjectNode caller = event.putObject("callerContext");
        caller.put("awsSdkVersion", "aws-sdk-unknown-unknown");
        caller.put("clientId", settings.clientId());
        event.put("triggerSource", triggerSource);
        ObjectNode request = event.putObject("request");
        ObjectNode attributes = request.putObject("userAttributes");
        if (user != null) {
            user.attributes().forEach(attributes::put);
            attributes.put("cognito:user_status", user.status().name());
        }
        ObjectNode metadata = request.putObject("clientMetadata");
        clientMetadata.forEach(metadata::put);
        request.put("userNotFound", user == null);
        return event;
    }

    private static void session(ObjectNode request, List<Round> rounds) {
        ArrayNode session = request.putArray("session");
        for (Round round : rounds) {
            ObjectNode entry = session.addObject();
            entry.put("challengeName", round.challengeName());
            entry.put("challengeResult", round.challengeResult());
            entry.put("challengeMetadata", round.challengeMetadata());
        }
    }

    private JsonNode invoke(String trigger, RequestStreamHandler handler, ObjectNode event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(json.writeValueAsBytes(event)), out, null);
        } catch (IOException | RuntimeException e) {
            throw CognitoException.lambdaValidation(trigger, e.getMessage());
        }
        try {
            JsonNode returned = json.readTree(out.toByteArray());
            JsonNode response = returned == null ? null : returned.get("response");
            if (response == null || !response.isObject()) {
                throw CognitoException.invalidLambdaResponse("Invalid lambda response: " + trigger + " returned no response object");
            }
            return response;
        } catch (JacksonException e) {
            throw CognitoException.invalidLambdaResponse("Invalid lambda response: " + trigger + " returned malformed JSON");
        }
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> map.put(e.getKey(), e.getValue().isString() ? e.getValue().stringValue() : e.getValue().toString()));
        }
        return map;
    }
}

package io.phonegate.devstack.cognito.auth;

/** One answered round of a custom-auth session, as the triggers see it in {@code request.session}. */
record Round(String challengeName, boolean challengeResult, String challengeMetadata) {
}
